export { testingRoutes } from './routes.js';
export type { TestingTables } from './tables.js';
export { createRound } from './service/rounds.js';
export { createSite, assignSampler } from './service/sites.js';
export { onPositivePool, linkRetests, type PositivePool, type PositivePoolListener } from './service/incidents.js';
export { openMembershipsOf } from './store/incidents.js';
export { reconcileRound } from './service/coverage.js';
export { areaTestingDays, type AreaTestingDay } from './store/zone-rounds.js';
export { onSampleResults, type SampleResult, type SampleResultsListener } from './service/sample-results.js';
