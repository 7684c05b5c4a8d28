import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { testApp } from '../support/http.js';
import { multipartFile, readXlsx, xlsxOf } from '../support/files.js';
import { onPositivePool, type PositivePool } from '../../src/server/modules/testing/index.js';
import {
  buildWorld, fillTube, labToken, openTubeWith, postResults, registerPeople, uniqueBarcode, type ResultsWorld,
} from './access-cases/testing-results.js';
import { DUOBA_GRID } from './access-cases/fixture.js';

describe.each(DIALECTS)('testing: transport, lab results and positive pools on %s', (dialect) => {
  let tdb: TestDatabase;
  let w: ResultsWorld;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    w = await buildWorld(await testApp(tdb.ctx));
  });
  afterAll(async () => {
    await w.app.close();
    // pg's pool.end() resolves before its idle clients' sockets have closed; the harness then drops the
    // database with force, which may kill a closing client, and the pool re-emits that error.
    tdb.ctx.handle.pgPool?.on('error', () => {});
    await tdb.close();
  });

  const get = (url: string, cookie: string) => w.app.inject({ url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: object) => w.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const tube = async (barcode: string) => (await get(`/api/v1/testing/tubes/${encodeURIComponent(barcode)}`, w.cookies.lead)).json();
  const resultsOf = async (barcode: string) => (await get(`/api/v1/testing/results?barcode=${encodeURIComponent(barcode)}`, w.cookies.lead)).json();

  async function waitJob(jobId: string, cookie: string) {
    for (;;) {
      const job = (await get(`/api/v1/jobs/${jobId}`, cookie)).json();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function upload(cookie: string, filename: string, bytes: Buffer) {
    const { payload, headers } = multipartFile(filename, bytes);
    const res = await w.app.inject({ method: 'POST', url: '/api/v1/testing/results/upload', headers: { ...headers, cookie }, payload });
    expect(res.statusCode, res.body).toBe(202);
    return waitJob(res.json().jobId, cookie);
  }

  describe('transport', () => {
    it('packs sealed tubes, refuses a miscounted handover without changing anything, and the lab receives with its count', async () => {
      const people = await registerPeople(w, 3);
      const t1 = await fillTube(w, { site: w.singleSite, people: [people[0]] });
      const t2 = await fillTube(w, { site: w.singleSite, people: [people[1]] });
      const open = await openTubeWith(w, w.pooledSite, people[2]);
      const barcode = uniqueBarcode('BAG');

      const unsealed = await post('/api/v1/testing/bags', w.cookies.sampler, { barcode, siteId: w.pooledSite, labId: w.labA, tubes: [open] });
      expect(unsealed.json().error.code).toBe('TUBE_NOT_SEALED');
      const otherSite = await post('/api/v1/testing/bags', w.cookies.sampler, { barcode, siteId: w.pooledSite, labId: w.labA, tubes: [t1] });
      expect(otherSite.json().error.code).toBe('TUBE_OTHER_SITE');

      const packed = await post('/api/v1/testing/bags', w.cookies.sampler, { barcode, siteId: w.singleSite, labId: w.labA, tubes: [t1, t2] });
      expect(packed.statusCode, packed.body).toBe(201);
      expect(packed.json()).toMatchObject({ tubeCount: 2, status: 'packed', labId: w.labA });
      expect((await tube(t1)).status).toBe('bagged');
      // A retry of the same packing is the same bag; the tube cannot go into a second bag.
      const again = await post('/api/v1/testing/bags', w.cookies.sampler, { barcode, siteId: w.singleSite, labId: w.labA, tubes: [t2, t1] });
      expect(again.json().id).toBe(packed.json().id);
      const second = await post('/api/v1/testing/bags', w.cookies.sampler,
        { barcode: uniqueBarcode('BAG'), siteId: w.singleSite, labId: w.labA, tubes: [t1] });
      expect(second.json().error.code).toBe('TUBE_IN_BAG');

      const early = await post('/api/v1/testing/bags/receive', w.cookies.lab, { barcode, count: 2 });
      expect(early.json().error.code).toBe('BAG_NOT_HANDED_OVER');
      const miscount = await post('/api/v1/testing/bags/handover', w.cookies.sampler, { barcode, carrier: '冷链转运 张师傅', count: 3 });
      expect(miscount.statusCode).toBe(409);
      expect(miscount.json().error).toMatchObject({ code: 'BAG_COUNT_MISMATCH' });
      expect(miscount.json().error.message).toContain('3');
      const still = (await get(`/api/v1/testing/bags/${packed.json().id}`, w.cookies.lead)).json();
      expect(still).toMatchObject({ status: 'packed', countedTubes: null, carrier: null });
      expect(still.tubes.map((t: { status: string }) => t.status)).toEqual(['bagged', 'bagged']);

      const handed = await post('/api/v1/testing/bags/handover', w.cookies.sampler, { barcode, carrier: '冷链转运 张师傅', count: 2 });
      expect(handed.json()).toMatchObject({ status: 'handed_over', countedTubes: 2, carrier: '冷链转运 张师傅' });
      expect((await tube(t2)).status).toBe('in_transit');

      expect((await post('/api/v1/testing/bags/receive', w.cookies.lab2, { barcode, count: 2 })).json().error.code).toBe('BAG_OTHER_LAB');
      expect((await post('/api/v1/testing/bags/receive', w.cookies.lab, { barcode, count: 1 })).json().error.code).toBe('BAG_COUNT_MISMATCH');
      const received = await post('/api/v1/testing/bags/receive', w.cookies.lab, { barcode, count: 2 });
      expect(received.json()).toMatchObject({ status: 'received', receivedTubes: 2 });
      expect((await tube(t1)).status).toBe('received');
      expect((await resultsOf(t1)).labId).toBe(w.labA);

      // Each party sees the bag in its own list.
      for (const cookie of [w.cookies.sampler, w.cookies.lab, w.cookies.duoba]) {
        const page = (await get('/api/v1/testing/bags', cookie)).json();
        expect(page.items.map((b: { barcode: string }) => b.barcode)).toContain(barcode);
      }
      expect((await get('/api/v1/testing/bags', w.cookies.lab2)).json().items.map((b: { barcode: string }) => b.barcode))
        .not.toContain(barcode);
    });

    it('refuses a sampler who is not assigned to the site', async () => {
      const site = (await post('/api/v1/testing/sites', w.cookies.lead, { name: '无人采样点', regionCode: DUOBA_GRID })).json();
      const res = await post('/api/v1/testing/bags', w.cookies.sampler, { barcode: uniqueBarcode('BAG'), siteId: site.id, labId: w.labA,
        tubes: ['T0000'] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_SITE_SAMPLER');
    });
  });

  describe('lab results by API token', () => {
    it('refuses a request without a valid token before reading it', async () => {
      const none = await w.app.inject({ method: 'POST', url: '/api/v1/testing/lab/results', payload: { results: [] } });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('LAB_TOKEN_INVALID');
      const wrong = await postResults(w, 'anlab_not-a-real-token-at-all', [{ barcode: 'T0000', result: 'negative' }]);
      expect(wrong.statusCode).toBe(401);
    });

    it('records nothing when one row is bad: an unknown tube, a tube never sealed, a bad result word', async () => {
      const people = await registerPeople(w, 2);
      const good = await fillTube(w, { site: w.singleSite, people: [people[0]] });
      const open = await openTubeWith(w, w.pooledSite, people[1]);
      const { token } = await labToken(w, w.labA);
      const res = await postResults(w, token, [
        { barcode: good, result: 'negative' },
        { barcode: 'NO-SUCH-TUBE', result: 'negative' },
        { barcode: open, result: 'positive' },
        { barcode: good.replace('T', 'X'), result: '弱阳' },
      ]);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('RESULTS_HAVE_ERRORS');
      const rows = res.json().error.details.rows;
      expect(rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[2, 'TUBE_UNKNOWN'], [3, 'TUBE_NOT_SEALED'],
        [4, 'RESULT_VALUE']]);
      expect((await tube(good)).result).toBeNull();
      expect((await tube(open)).status).toBe('open');
      // No incident for the positive of the tube never sealed.
      const incidents = (await get('/api/v1/testing/incidents?status=open', w.cookies.lead)).json();
      expect(incidents.items.map((i: { tubeBarcode: string }) => i.tubeBarcode)).not.toContain(open);
    });

    it('is idempotent: the same batch twice changes nothing the second time, and says so', async () => {
      const people = await registerPeople(w, 2);
      const t1 = await fillTube(w, { site: w.singleSite, people: [people[0]] });
      const t2 = await fillTube(w, { site: w.singleSite, people: [people[1]] });
      const { token } = await labToken(w, w.labA);
      const batch = [{ barcode: t1, result: 'negative', ctN: null, reportedAt: '2022-08-21 14:05' },
        { barcode: t2, result: '无效', reportedAt: new Date(Date.now() - 60_000).toISOString() }];
      const first = await postResults(w, token, batch);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ rows: 2, recorded: 2, unchanged: 0, positives: 0, errorRows: 0 });
      const history = (await resultsOf(t1)).history;
      const second = await postResults(w, token, batch);
      expect(second.json()).toMatchObject({ rows: 2, recorded: 0, unchanged: 2 });
      expect((await resultsOf(t1)).history).toEqual(history);
      expect(await tube(t1)).toMatchObject({ status: 'resulted', result: 'negative' });
      expect((await resultsOf(t1))).toMatchObject({ resultAt: '2022-08-21T06:05:00.000Z', labId: w.labA });
      expect((await tube(t2)).result).toBe('invalid');
      // A different result for a tube that has one needs a correction.
      const conflict = await postResults(w, token, [{ barcode: t1, result: 'positive' }]);
      expect(conflict.json().error.details.rows[0].code).toBe('RESULT_CONFLICT');
      expect((await tube(t1)).result).toBe('negative');
    });

    it("refuses a token of another lab for a tube the first lab received, and a revoked token", async () => {
      const people = await registerPeople(w, 1);
      const t = await fillTube(w, { site: w.singleSite, people });
      const barcode = uniqueBarcode('BAG');
      await post('/api/v1/testing/bags', w.cookies.sampler, { barcode, siteId: w.singleSite, labId: w.labA, tubes: [t] });
      await post('/api/v1/testing/bags/handover', w.cookies.sampler, { barcode, carrier: '转运', count: 1 });
      await post('/api/v1/testing/bags/receive', w.cookies.lab, { barcode, count: 1 });
      const b = await labToken(w, w.labB);
      const res = await postResults(w, b.token, [{ barcode: t, result: 'negative' }]);
      expect(res.json().error.details.rows[0]).toMatchObject({ code: 'TUBE_OTHER_LAB', barcode: t });
      expect((await tube(t)).result).toBeNull();

      const a = await labToken(w, w.labA);
      const tokens = (await get(`/api/v1/testing/lab-tokens?labId=${w.labA}`, w.cookies.lead)).json();
      expect(tokens.find((x: { id: string }) => x.id === a.id)).toMatchObject({ revokedAt: null });
      expect(JSON.stringify(tokens)).not.toContain(a.token);
      expect((await post(`/api/v1/testing/lab-tokens/${a.id}/revoke`, w.cookies.lead, {})).json().revokedAt).not.toBeNull();
      expect((await postResults(w, a.token, [{ barcode: t, result: 'negative' }])).statusCode).toBe(401);
    });
  });

  describe('lab results by upload', () => {
    it('records a sheet with Chinese headers all or nothing, and the same file again changes nothing', async () => {
      const people = await registerPeople(w, 3);
      const tubes = [];
      for (const p of people) tubes.push(await fillTube(w, { site: w.singleSite, people: [p] }));
      const sheet = await xlsxOf([['试管条码', '结果', 'Ct N', 'Ct ORF1ab', '报告时间'],
        [tubes[0], '阴性', '', '', '2022-08-21 10:00'], [tubes[1], '阴性', '', '', '2022-08-21 10:01'],
        [tubes[2], '无效', '', '', '2022-08-21 10:02']]);
      const job = await upload(w.cookies.lab, '结果.xlsx', sheet);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.result).toMatchObject({ rows: 3, recorded: 3, unchanged: 0 });
      const again = await upload(w.cookies.lab, '结果.xlsx', sheet);
      expect(again.result).toMatchObject({ rows: 3, recorded: 0, unchanged: 3 });
      expect((await resultsOf(tubes[0])).history).toHaveLength(1);
    });

    it('refuses a file with a bad row whole, with an xlsx report of the bad rows', async () => {
      const people = await registerPeople(w, 2);
      const good = await fillTube(w, { site: w.singleSite, people: [people[0]] });
      const open = await openTubeWith(w, w.pooledSite, people[1]);
      const csv = Buffer.from(`试管条码,结果,报告时间\n${good},阴性,2022-08-21 10:00\n${open},阳性,2022-08-21 10:00\nNOPE0001,阴性,\n`);
      const job = await upload(w.cookies.lab, 'results.csv', csv);
      expect(job.status).toBe('failed');
      expect(job.result.errorRows).toBe(2);
      expect(job.result.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[3, 'TUBE_NOT_SEALED'], [4, 'TUBE_UNKNOWN']]);
      expect((await tube(good)).result).toBeNull();
      const report = await get(`/api/v1/files/${job.result.reportFileId}`, w.cookies.lab);
      const rows = await readXlsx(report.rawPayload);
      expect(rows[0]).toContain('试管条码');
      expect(rows.slice(1).map((r) => r[1])).toEqual([open, 'NOPE0001']);
    });

    it('refuses an upload from a lab account linked to no lab', async () => {
      const job = await w.app.inject({ method: 'POST', url: '/api/v1/testing/results/upload',
        headers: { cookie: w.cookies.lead, 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
      expect(job.statusCode).toBe(403);
    });
  });

  describe('corrections', () => {
    it('need a reason, are the lab\'s own or the workstream\'s, keep the old result and are audited', async () => {
      const people = await registerPeople(w, 1);
      const t = await fillTube(w, { site: w.singleSite, people });
      const { token } = await labToken(w, w.labA);
      await postResults(w, token, [{ barcode: t, result: 'invalid' }]);

      const noReason = await post('/api/v1/testing/results/corrections', w.cookies.lab, { barcode: t, result: 'negative' });
      expect(noReason.statusCode).toBe(400);
      const blank = await post('/api/v1/testing/results/corrections', w.cookies.lab, { barcode: t, result: 'negative', reason: '  ' });
      expect(blank.statusCode).toBe(400);
      const otherLab = await post('/api/v1/testing/results/corrections', w.cookies.lab2, { barcode: t, result: 'negative', reason: '复检' });
      expect(otherLab.json().error.code).toBe('TUBE_OTHER_LAB');
      expect((await tube(t)).result).toBe('invalid');

      const fixed = await post('/api/v1/testing/results/corrections', w.cookies.lab, { barcode: t, result: 'negative', reason: '原样本复检阴性' });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json().result).toBe('negative');
      const [old, now] = fixed.json().history;
      expect(old).toMatchObject({ result: 'invalid', source: 'api' });
      expect(old.supersededAt).not.toBeNull();
      expect(now).toMatchObject({ result: 'negative', source: 'correction', correctionReason: '原样本复检阴性', supersededAt: null });
      const audit = (await get('/api/v1/audit?action=testing.results.correct', w.cookies.commander)).json();
      expect(audit[0]).toMatchObject({ reason: '原样本复检阴性' });
    });
  });

  describe('positive pools', () => {
    it('a positive 10-in-1 tube opens an incident with its 10 members, retest tasks per grid and the announcement', async () => {
      const communities = (await get('/api/v1/regions/630106105/children', w.cookies.duoba)).json();
      const otherCommunity = communities.find((r: { code: string }) => r.code !== '630106105001');
      const otherGrid = (await get(`/api/v1/regions/${otherCommunity.code}/children`, w.cookies.duoba)).json()[0].code;
      const people = [...await registerPeople(w, 8), ...await registerPeople(w, 2, otherGrid)];
      const barcode = await fillTube(w, { site: w.pooledSite, people });
      expect(await tube(barcode)).toMatchObject({ capacity: 10, memberCount: 10, status: 'sealed' });

      const events: PositivePool[] = [];
      const off = onPositivePool((e) => void events.push(e));
      const { token } = await labToken(w, w.labA);
      const res = await postResults(w, token, [{ barcode, result: 'positive', ctN: 28.5, ctOrf: '30.1' }]);
      off();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ recorded: 1, positives: 1 });
      const [incidentId] = res.json().incidentIds;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ incidentId, tubeBarcode: barcode, roundId: w.roundId });
      expect(events[0].members).toHaveLength(10);
      expect(events[0].members.every((m) => m.personId !== null && m.unregisteredId === null)).toBe(true);

      const detail = (await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.lead)).json();
      expect(detail).toMatchObject({ kind: 'pool', status: 'open', tubeBarcode: barcode, memberCount: 10, visibleMembers: 10, breached: false });
      expect(detail.members).toHaveLength(10);
      expect(detail.clocks.map((c: { clock: string }) => c.clock)).toEqual(['notify', 'resample', 'result']);
      const minutes = (a: string) => (Date.parse(a) - Date.parse(detail.detectedAt)) / 60_000;
      expect(detail.clocks.map((c: { dueAt: string }) => minutes(c.dueAt))).toEqual([60, 240, 360]);
      for (const m of detail.members) {
        expect(m.name).toMatch(/\*/);
        expect(m.phone).toMatch(/^139\*{4}\d{4}$/);
        expect(m.address).toMatch(/^多巴镇测试路/);
      }
      const inGrid = detail.members.filter((m: { regionCode: string }) => m.regionCode === DUOBA_GRID);
      expect(inGrid).toHaveLength(8);
      expect(inGrid[0].gridWorkers.map((g: { name: string }) => g.name)).toContain('网格员');
      expect(inGrid[0].regionName).not.toBe('');
      expect(new Set(detail.members.map((m: { taskId: string }) => m.taskId)).size).toBe(2);

      // The grid worker has one retest task for the grid, due at the resample deadline.
      const tasks = (await get('/api/v1/tasks', w.cookies.grid)).json().items
        .filter((t: { kind: string; sourceId: string }) => t.kind === 'testing.retest' && t.sourceId === incidentId);
      expect(tasks).toHaveLength(1);
      expect(tasks[0].dueAt).toBe(detail.clocks[1].dueAt);

      // A community cadre sees the incident with the members of their community only.
      const mine = (await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.community)).json();
      expect(mine.members).toHaveLength(8);
      expect(mine).toMatchObject({ memberCount: 10, visibleMembers: 8 });
      const outsider = await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.lushaer);
      expect(outsider.statusCode).toBe(403);

      // Notified by the grid worker: the notify clock stops.
      const notified = (await post(`/api/v1/testing/incidents/${incidentId}/notified`, w.cookies.grid, { note: '已电话通知' })).json();
      expect(notified.status).toBe('notified');
      expect(notified.clocks[0].doneAt).not.toBeNull();

      // Members are refused in a pooled tube, then swabbed singly; the incident is resampled.
      const pooled = uniqueBarcode('P');
      await post('/api/v1/testing/tubes', w.cookies.sampler, { barcode: pooled, siteId: w.pooledSite });
      const refusedScan = await post('/api/v1/testing/scans', w.cookies.sampler, { id: ulid(), tubeBarcode: pooled, siteId: w.pooledSite,
        sampledAt: new Date().toISOString(), subject: { idNumber: people[0] } });
      expect(refusedScan.json().error.code).toBe('NEEDS_SINGLE_TUBE');
      const retests: string[] = [];
      for (const p of people) retests.push(await fillTube(w, { site: w.singleSite, people: [p], purpose: 'retest' }));
      const resampled = (await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.lead)).json();
      expect(resampled.status).toBe('resampled');
      expect(resampled.members.every((m: { retestTubeBarcode: string | null }) => m.retestTubeBarcode !== null)).toBe(true);

      // Retest results: nine negative, one positive; the incident is resulted with a positive found.
      const partial = await postResults(w, token, retests.slice(0, 9).map((b) => ({ barcode: b, result: 'negative' })));
      expect(partial.json().incidentIds).toEqual([]);
      expect((await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.lead)).json()).toMatchObject({ status: 'resampled', retested: 9 });
      const last = await postResults(w, token, [{ barcode: retests[9], result: 'positive' }]);
      expect(last.json()).toMatchObject({ positives: 1, incidentIds: [] });
      const resulted = (await get(`/api/v1/testing/incidents/${incidentId}`, w.cookies.lead)).json();
      expect(resulted).toMatchObject({ status: 'resulted', outcome: 'positive_found', retested: 10 });
      expect(resulted.clocks.map((c: { doneAt: string | null }) => c.doneAt !== null)).toEqual([true, true, true]);

      // Once resulted, the members may be pooled again.
      const next = uniqueBarcode('P');
      await post('/api/v1/testing/tubes', w.cookies.sampler, { barcode: next, siteId: w.pooledSite });
      const pooledAgain = await post('/api/v1/testing/scans', w.cookies.sampler, { id: ulid(), tubeBarcode: next, siteId: w.pooledSite,
        sampledAt: new Date().toISOString(), subject: { idNumber: people[1] }, repeatReason: '复核后常规检测' });
      expect(pooledAgain.statusCode, pooledAgain.body).toBeLessThan(300);

      const list = (await get('/api/v1/testing/incidents?status=resulted', w.cookies.duoba)).json();
      expect(list.items.map((i: { id: string }) => i.id)).toContain(incidentId);
      expect((await get('/api/v1/testing/incidents?status=resulted', w.cookies.lushaer)).json().items).toEqual([]);
      const closed = await post(`/api/v1/testing/incidents/${incidentId}/close`, w.cookies.lead, { reason: '阳性者已转运，其余解除' });
      expect(closed.json().status).toBe('closed');
    });

    it('a positive single tube is a single incident; correcting it away closes the incident', async () => {
      const people = await registerPeople(w, 1);
      const t = await fillTube(w, { site: w.singleSite, people });
      const { token } = await labToken(w, w.labA);
      const res = (await postResults(w, token, [{ barcode: t, result: 'positive' }])).json();
      const detail = (await get(`/api/v1/testing/incidents/${res.incidentIds[0]}`, w.cookies.lead)).json();
      expect(detail).toMatchObject({ kind: 'single', memberCount: 1 });
      const fixed = await post('/api/v1/testing/results/corrections', w.cookies.lead, { barcode: t, result: 'negative', reason: '样本编号录错' });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect((await get(`/api/v1/testing/incidents/${res.incidentIds[0]}`, w.cookies.lead)).json().status).toBe('closed');
    });

    it('a positive in an uploaded file opens its incident too', async () => {
      const people = await registerPeople(w, 10);
      const barcode = await fillTube(w, { site: w.pooledSite, people });
      const job = await upload(w.cookies.lab, 'r.csv', Buffer.from(`tube barcode,result,reported at\n${barcode},positive,\n`));
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.result.incidentIds).toHaveLength(1);
      const detail = (await get(`/api/v1/testing/incidents/${job.result.incidentIds[0]}`, w.cookies.grid)).json();
      expect(detail.members).toHaveLength(10);
    });
  });
});
