export { responseRoutes } from './routes.js';
export { responseInForce, startResponse, setResponseMode } from './service.js';
