export { screeningRoutes } from './routes.js';
export { planFor, ruleSetOn } from './rules/plan.js';
