import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { openEpisodes } from '../modules/screening/index.js';
import { fillTests } from '../modules/screening/service/episode-results.js';
import { placePerson } from '../modules/isolation/index.js';
import type { ManagedCategory } from '../../shared/screening.js';
import { todayInChina } from '../../shared/validators/index.js';
import type { DemoSize } from './demo-district.js';
import { addDays } from '../../shared/dates.js';

/** The demo grid worker's grid (多巴镇通海社区第1网格). */
export const DEMO_EPISODE_GRID = '630106/630106105/630106105001/630106105001001';
const DEMO_SITE = '多巴镇通海宾馆集中隔离点';

/** Days before today of each demo episode's anchor, and how many of its tests before today came back negative. */
const EPISODES: { category: ManagedCategory; daysAgo: number; note: string }[] = [
  { category: 'CLOSE_CONTACT', daysAgo: 3, note: '与确诊病例同乘公交（演示）' },
  { category: 'CLOSE_CONTACT', daysAgo: 6, note: '同一工作场所（演示）' },
  { category: 'INBOUND', daysAgo: 5, note: '经首都机场入境（演示）' },
  { category: 'HIGH_ZONE_TRAVEL', daysAgo: 1, note: '自外省高风险区返回（演示）' },
  { category: 'SECONDARY_CONTACT', daysAgo: 2, note: '密接的家属（演示）' },
  { category: 'SECONDARY_CONTACT', daysAgo: 8, note: '密接的同事（演示）' },
  { category: 'LOW_ZONE_TRAVEL', daysAgo: 1, note: '自西宁市城区返回（演示）' },
];

/**
 * Managed people in the demo grid, anchored relative to today so that the grid worker's day has work:
 * tests due today, a test missed yesterday (made a task by the server's sweep at start), a release
 * proposed, people in home isolation to check on, central ones placed at 多巴镇's demo hotel. Earlier
 * test days came back negative (entered as reports). Under the response in force's plan (the dated
 * plans cover 2022 only). Only the full district: the small one is the tests' template, whose demo
 * grid's lists the tests count exactly. Runs inside the seed's transaction.
 */
export async function seedScreening(_ctx: AppContext, tx: DbOrTx, size: DemoSize): Promise<{ episodes: number }> {
  if (size !== 'full') return { episodes: 0 };
  const today = todayInChina();
  // Residents from the end of the grid: the first ones are the isolation seed's hotel guests.
  const people = await tx.selectFrom('people').select(['id']).where('status', '=', 'active')
    .where('region_path', '>=', DEMO_EPISODE_GRID).where('region_path', '<', `${DEMO_EPISODE_GRID}0`)
    .orderBy('id', 'desc').limit(EPISODES.length).execute();
  if (people.length < EPISODES.length) return { episodes: 0 };
  const { created } = await openEpisodes(tx, null, EPISODES.map((e, i) => ({
    personId: people[i].id, category: e.category, anchorDate: addDays(today, -e.daysAgo), source: 'manual' as const, note: e.note,
  })), today);
  // Tests before yesterday came back negative; yesterday's of the second secondary contact too, so its release is proposed.
  const tests = await tx.selectFrom('screening_scheduled_tests').select(['id', 'episode_id', 'due_date']).where('episode_id', 'in', created)
    .where('due_date', '<', today).execute();
  const proposed = created[5];
  const fills = tests.filter((t) => t.due_date < addDays(today, -1) || t.episode_id === proposed)
    .map((t) => ({ testId: t.id, result: 'negative' as const, sampledAt: new Date(Date.parse(`${t.due_date}T09:30:00+08:00`)).toISOString(),
      reportedAt: new Date(Date.parse(`${t.due_date}T21:00:00+08:00`)).toISOString(), source: 'manual' as const, sourceRef: '演示报告' }));
  await fillTests(tx, null, fills);
  const site = await tx.selectFrom('isolation_sites').select('id').where('name', '=', DEMO_SITE).executeTakeFirst();
  if (site) {
    const central = await tx.selectFrom('screening_episodes').select(['id', 'person_id', 'release_date']).where('id', 'in', created)
      .where('place_kind', '=', 'central').execute();
    for (const e of central) await placePerson(tx, null, { personId: e.person_id, episodeId: e.id, siteId: site.id, expectedReleaseOn: e.release_date });
  }
  return { episodes: created.length };
}
