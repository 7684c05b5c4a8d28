import type { Cases } from './fixture.js';

/** Access cases for the testing module's results endpoints. */
export const TESTING_RESULTS_CASES: Cases = {};
