import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { openEpisodes } from '../../src/server/modules/screening/service/episodes.js';
import { todayInChina } from '../../src/shared/validators/index.js';
import { addDays } from '../../src/shared/dates.js';

/** openEpisodes, the bulk entry other parts of the module (协查 imports, positive pools) use. */
describe.each(DIALECTS)('opening episodes in bulk on %s', (dialect) => {
  let tdb: TestDatabase;
  let people: { id: string; region_path: string }[];
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    people = await tdb.ctx.handle.db.selectFrom('people').select(['id', 'region_path'])
      .where('region_path', 'like', '630106/630106105/630106105001/630106105001001%').orderBy('id').limit(6).execute();
  });
  afterAll(async () => tdb.close());

  it('writes episodes, one scheduled test per test date with its phase, the grid worker and community cadre as team', async () => {
    const db = tdb.ctx.handle.db;
    const { created, merged } = await openEpisodes(db, null, [
      { personId: people[0].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', source: 'manual' },
      { personId: people[1].id, category: 'SECONDARY_CONTACT', anchorDate: '2022-08-20', source: 'manual', placeKind: 'central' },
    ], '2022-08-25');
    expect(created).toHaveLength(2);
    expect(merged).toEqual([]);
    const ep = await db.selectFrom('screening_episodes').selectAll().where('id', '=', created[0]).executeTakeFirstOrThrow();
    expect(ep).toMatchObject({ rule_set: 'NINTH_EDITION', release_date: '2022-08-31', place_kind: 'central', status: 'active',
      region_path: people[0].region_path });
    const tests = await db.selectFrom('screening_scheduled_tests').select(['due_date', 'phase_kind', 'status'])
      .where('episode_id', '=', created[0]).orderBy('due_date').execute();
    expect(tests.map((t) => [t.due_date, t.phase_kind])).toEqual([
      ['2022-08-21', 'central_isolation'], ['2022-08-22', 'central_isolation'], ['2022-08-23', 'central_isolation'],
      ['2022-08-25', 'central_isolation'], ['2022-08-27', 'central_isolation'], ['2022-08-30', 'home_health_monitoring']]);
    expect(tests.every((t) => t.status === 'due')).toBe(true);
    const team = await db.selectFrom('screening_episode_team').innerJoin('users', 'users.id', 'screening_episode_team.user_id')
      .select(['screening_episode_team.role', 'users.username']).where('episode_id', '=', created[0]).orderBy('screening_episode_team.role').execute();
    expect(team).toEqual([{ role: 'community_cadre', username: 'community' }, { role: 'grid_worker', username: 'grid' }]);
    const second = await db.selectFrom('screening_episodes').select('place_kind').where('id', '=', created[1]).executeTakeFirstOrThrow();
    expect(second.place_kind).toBe('central');
    const history = await db.selectFrom('workflow_history').selectAll().where('record_id', '=', created[0]).execute();
    expect(history).toMatchObject([{ record_type: 'screening_episode', from_status: null, to_status: 'active' }]);
  });

  it('merges a repeated report into the open episode; a later anchor re-plans it and keeps filled results', async () => {
    const db = tdb.ctx.handle.db;
    const first = await openEpisodes(db, null, [{ personId: people[2].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', source: 'manual' }], '2022-08-22');
    const id = first.created[0];
    await db.updateTable('screening_scheduled_tests').set({ status: 'negative', result: 'negative' })
      .where('episode_id', '=', id).where('due_date', '=', '2022-08-21').execute();
    const same = await openEpisodes(db, null, [{ personId: people[2].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-19', source: 'xiecha' }], '2022-08-22');
    expect(same).toEqual({ created: [], merged: [id] });
    const later = await openEpisodes(db, null, [{ personId: people[2].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-22', source: 'xiecha' }], '2022-08-22');
    expect(later).toEqual({ created: [], merged: [id] });
    const ep = await db.selectFrom('screening_episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(ep).toMatchObject({ anchor_date: '2022-08-22', release_date: '2022-09-02' });
    const tests = await db.selectFrom('screening_scheduled_tests').select(['due_date', 'status']).where('episode_id', '=', id).orderBy('due_date').execute();
    expect(tests).toEqual([{ due_date: '2022-08-21', status: 'negative' }, ...['2022-08-23', '2022-08-24', '2022-08-25', '2022-08-27', '2022-08-29', '2022-09-01']
      .map((d) => ({ due_date: d, status: 'due' }))]);
    // Twice in one batch: one episode, from the later anchor.
    const twice = await openEpisodes(db, null, [
      { personId: people[3].id, category: 'MID_ZONE_TRAVEL', anchorDate: '2022-08-18', source: 'xiecha' },
      { personId: people[3].id, category: 'MID_ZONE_TRAVEL', anchorDate: '2022-08-20', source: 'xiecha' },
    ], '2022-08-22');
    expect(twice.created).toHaveLength(1);
    expect((await db.selectFrom('screening_episodes').select('anchor_date').where('id', '=', twice.created[0]).executeTakeFirstOrThrow()).anchor_date)
      .toBe('2022-08-20');
  });

  it('plans an episode anchored today under the response in force when no dated plan covers today', async () => {
    const today = todayInChina();
    const { created } = await openEpisodes(tdb.ctx.handle.db, null,
      [{ personId: people[4].id, category: 'CLOSE_CONTACT', anchorDate: today, source: 'manual' }], today);
    const ep = await tdb.ctx.handle.db.selectFrom('screening_episodes').selectAll().where('id', '=', created[0]).executeTakeFirstOrThrow();
    expect(ep.rule_set).toBe('NINTH_EDITION');
    expect(ep.release_date).toBe(addDays(today, 11));
  });

  it('fails the whole batch, writing nothing, for a draft it cannot plan or an unknown person', async () => {
    const db = tdb.ctx.handle.db;
    const before = await db.selectFrom('screening_episodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(openEpisodes(db, null, [
      { personId: people[5].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', source: 'manual' },
      { personId: people[5].id, category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20', source: 'manual' },
    ], '2022-11-25')).rejects.toMatchObject({ code: 'EPISODE_DRAFT_INVALID' });
    await expect(openEpisodes(db, null, [{ personId: 'nobody', category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', source: 'manual' }],
      '2022-08-25')).rejects.toMatchObject({ code: 'EPISODE_PERSON_UNKNOWN' });
    const after = await db.selectFrom('screening_episodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
