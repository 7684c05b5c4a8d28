import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/server/platform/context.js';

/** The residents of a region (by path prefix), ids and ID numbers in clear, read straight from the test database. */
export async function residentsOf(ctx: AppContext, pathPrefix: string, count: number, offset = 0) {
  const rows = await ctx.handle.db.selectFrom('people').select(['id', 'doc_number_enc', 'region_path', 'name'])
    .where('region_path', '>=', pathPrefix).where('region_path', '<', `${pathPrefix}0`).where('status', '=', 'active')
    .where('doc_type', '=', 'resident_id').orderBy('id').offset(offset).limit(count).execute();
  return rows.map((r) => ({ id: r.id, idNumber: ctx.pii.decrypt(r.doc_number_enc), regionPath: r.region_path, name: r.name }));
}

export const DUOBA_GRID_PATH = '630106/630106105/630106105001/630106105001001';
/** A grid of 多巴镇's 新城村: outside the demo grid worker's grid and the demo community cadre's community. */
export const DUOBA_OTHER_GRID_PATH = '630106/630106105/630106105200/630106105200001';

/** Records every scheduled test of an episode negative by hand (sampled on its day), as a cadre would from reports. */
export async function allNegative(app: FastifyInstance, cookie: string, episodeId: string): Promise<void> {
  const ep = (await app.inject({ url: `/api/v1/screening/episodes/${episodeId}`, headers: { cookie } })).json();
  for (const t of ep.testList as { id: string; dueDate: string; status: string }[]) {
    if (t.status === 'negative') continue;
    const res = await app.inject({ method: 'POST', url: `/api/v1/screening/episodes/${episodeId}/tests/${t.id}/result`, headers: { cookie },
      payload: { result: 'negative', sampledAt: `${t.dueDate}T02:00:00.000Z`, reportRef: `报告${t.dueDate}` } });
    if (res.statusCode !== 200) throw new Error(`result: ${res.statusCode} ${res.body}`);
  }
}
