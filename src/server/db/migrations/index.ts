import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_testing.js';
import * as m0004 from './0004_screening.js';
import * as m0005 from './0005_isolation.js';

/** One stream of migrations for the whole schema, applied in name order. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_testing': m0002,
  '0004_screening': m0004,
  '0005_isolation': m0005,
};
