export { regionRoutes } from './routes.js';
export { findRegion, findRegions, districtRoots, leafCodes, regionNames, regionsUnder, insertRegions, addToCounts, setCountsFromLeaves } from './store.js';
export { displayName } from './rules.js';
export type { RegionRow, RegionsTables } from './tables.js';
