export { responseRoutes } from './routes.js';
export { responseInForce, startResponse } from './service.js';
