import type { Cases } from './fixture.js';

/** Access cases for the testing module's coverage endpoints. */
export const TESTING_COVERAGE_CASES: Cases = {};
