import type { FastifyInstance } from 'fastify';
import { ulid } from 'ulidx';
import type { AppContext } from '../../src/server/platform/context.js';
import { loginAs } from './http.js';

/** A grid of 多巴镇 with residents in the small demo district. */
export const DUOBA_GRID = '630106105001001';

export interface SamplingSetup {
  lead: string;
  sampler: string;
  roundId: string;
  siteId: string;
}

/**
 * A round over 多巴镇 open since yesterday, a low-risk site (10-in-1 tubes) in its first grid, and the
 * demo sampler assigned to it: what a sampling test needs, made through the API as the testing lead.
 */
export async function setUpSampling(app: FastifyInstance, opts: { region?: string; name?: string } = {}): Promise<SamplingSetup> {
  const lead = await loginAs(app, 'testing_lead');
  const sampler = await loginAs(app, 'sampler');
  const now = Date.now();
  const round = await app.inject({ method: 'POST', url: '/api/v1/testing/rounds', headers: { cookie: lead }, payload: {
    name: opts.name ?? '多巴镇全员核酸（测试）', regionCodes: [opts.region ?? '630106105'],
    startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() } });
  if (round.statusCode !== 201) throw new Error(`round: ${round.statusCode} ${round.body}`);
  const site = await app.inject({ method: 'POST', url: '/api/v1/testing/sites', headers: { cookie: lead }, payload: {
    name: '金城社区采样点（测试）', regionCode: DUOBA_GRID, zoneLevel: 'low' } });
  if (site.statusCode !== 201) throw new Error(`site: ${site.statusCode} ${site.body}`);
  const me = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: sampler } })).json();
  const assign = await app.inject({ method: 'POST', url: `/api/v1/testing/sites/${site.json().id}/samplers`, headers: { cookie: lead },
    payload: { userId: me.id } });
  if (assign.statusCode !== 200) throw new Error(`assign: ${assign.statusCode} ${assign.body}`);
  return { lead, sampler, roundId: round.json().id, siteId: site.json().id };
}

/** ID numbers (in clear) of active residents under a region, read straight from the test database. */
export async function residentIdNumbers(ctx: AppContext, regionPathPrefix: string, count: number): Promise<{ id: string; idNumber: string }[]> {
  const rows = await ctx.handle.db.selectFrom('people').select(['id', 'doc_number_enc', 'doc_type'])
    .where('region_path', '>=', regionPathPrefix).where('region_path', '<', `${regionPathPrefix}0`)
    .where('status', '=', 'active').where('doc_type', '=', 'resident_id').orderBy('id').limit(count).execute();
  return rows.map((r) => ({ id: r.id, idNumber: ctx.pii.decrypt(r.doc_number_enc) }));
}

/** One scan as the sampler's page sends it. */
export function scanOf(siteId: string, tubeBarcode: string, subject: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { id: ulid(), tubeBarcode, siteId, sampledAt: new Date().toISOString(), subject, ...extra };
}
