import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_testing.js';
import * as m0003 from './0003_screening.js';
import * as m0004 from './0004_isolation.js';
import * as m0005 from './0005_rule_sets.js';
import * as m0006 from './0006_lighter_scheduled_tests.js';

/** One stream of migrations for the whole schema, applied in name order. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_testing': m0002,
  '0003_screening': m0003,
  '0004_isolation': m0004,
  '0005_rule_sets': m0005,
  '0006_lighter_scheduled_tests': m0006,
};
