import type { Cases } from './fixture.js';

/** Access cases for the testing module's sampling endpoints. */
export const TESTING_SAMPLING_CASES: Cases = {};
