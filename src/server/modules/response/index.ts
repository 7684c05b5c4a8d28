export { responseRoutes } from './routes.js';
export { responseInForce, startResponse, setResponseMode } from './service.js';
export { ruleSetName, ruleSetTable } from './rule-sets.js';
