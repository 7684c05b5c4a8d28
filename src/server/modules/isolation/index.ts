export { downgradeAdvice, type DowngradeAdvice, type ZoneState, type DesignatedLevel } from './rules/zones.js';
export type { IsolationTables } from './tables.js';
export { isolationRoutes } from './routes.js';
export { placePerson, endPlacementsOfEpisode, placementsOfEpisodes, type PlacementRequest } from './service/placements.js';
export { recordInfection, zoneLevelAt, runZoneDay, designateZone, applyDowngrade } from './service/zones.js';
export { findZone } from './store/zones.js';
export { createSite as createIsolationSite, addRooms as addIsolationRooms } from './service/sites.js';
export { isolationSummary } from './service/summary.js';
export type { PlacementView } from '../../../shared/contracts/isolation/sites.js';
