import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** What every access case gets: the app on a fresh seeded database, two signed-in cadres, some records. */
export interface Fixture {
  app: FastifyInstance;
  /** 鲁沙尔镇's township cadre: the one who must be refused. */
  outsider: string;
  /** 多巴镇's township cadre, owner of the records below. */
  owner: string;
  personId: string;
  taskId: string;
  orgId: string;
  jobId: string;
  fileId: string;
  userId: string;
}

export type Case = (t: Fixture) => Promise<void>;
export type Cases = Record<string, Case | 'public' | 'self' | 'district-wide'>;

export const refused = (status: number) => expect([403, 404]).toContain(status);

export const DUOBA = '630106105';
export const DUOBA_GRID = '630106105001001';
