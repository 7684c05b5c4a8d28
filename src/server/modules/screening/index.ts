export { screeningRoutes } from './routes.js';
export type { ScreeningTables } from './tables.js';
export { planFor, ruleSetOn } from './rules/plan.js';
