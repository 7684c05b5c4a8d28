export type { PoolPolicy, PoolSize, ZoneLevel } from '../../../../shared/testing.js';
export type { ResponseParameters } from '../../../../shared/response.js';
