export { userRoutes } from './routes.js';
export { addUser } from './service.js';
