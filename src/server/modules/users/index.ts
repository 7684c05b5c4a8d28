export { userRoutes } from './routes.js';
export { addUser, linkUserToOrganization } from './service.js';
