import type { PlatformTables } from '../platform/tables.js';
import type { RegionsTables } from '../modules/regions/tables.js';
import type { ResponseTables } from '../modules/response/tables.js';
import type { PeopleTables } from '../modules/people/tables.js';
import type { OrganizationsTables } from '../modules/organizations/tables.js';
import type { TasksTables } from '../modules/tasks/tables.js';
import type { TestingTables } from '../modules/testing/tables.js';
import type { ScreeningTables } from '../modules/screening/tables.js';
import type { IsolationTables } from '../modules/isolation/tables.js';

/** The one schema: every module's tables, merged. */
export interface Database
  extends PlatformTables,
    RegionsTables,
    ResponseTables,
    PeopleTables,
    OrganizationsTables,
    TasksTables,
    TestingTables,
    ScreeningTables,
    IsolationTables {}
