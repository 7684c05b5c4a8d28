import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { ulid } from 'ulidx';
import { sql } from 'kysely';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { COLLECTION_CODE_PATTERN } from '../../src/shared/testing.js';
import { reconcileRound } from '../../src/server/modules/testing/index.js';
import * as report from '../../src/server/modules/testing/store/coverage-report.js';
import { rollUp } from '../../src/server/modules/testing/rules/coverage.js';
import { DEMO_ROUND_NAME } from '../../src/server/seed/testing.js';

const DUOBA = '630106105';
const DUOBA_PATH = '630106/630106105';
const GRID = '630106105001001';
const GRID_PATH = '630106/630106105/630106105001/630106105001001';
const COMMUNITY = '630106105001';

interface Resident { id: string; idNumber: string; phone: string | null; regionCode: string }

describe.each(DIALECTS)('coverage (应检尽检) on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const c = {} as Record<'commander' | 'lead' | 'duoba' | 'lushaer' | 'community' | 'grid' | 'sampler' | 'admin', string>;
  let roundId: string;
  let siteId: string;
  let residents: Resident[];
  let serial = 0;

  const get = (url: string, cookie: string) => app.inject({ url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const coverage = async (region: string, cookie = c.duoba) => {
    const res = await get(`/api/v1/testing/rounds/${roundId}/coverage?region=${region}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const missing = async (region: string, cookie = c.duoba, pageSize = 200) => {
    const res = await get(`/api/v1/testing/rounds/${roundId}/missing?region=${region}&pageSize=${pageSize}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const unique = () => `${dialect.slice(0, 2).toUpperCase()}${Date.now().toString(36).toUpperCase()}${serial++}`;
  const tubeWith = async (subjects: object[]) => {
    const barcode = `CV-${unique()}`;
    const opened = await post('/api/v1/testing/tubes', c.sampler, { barcode, siteId });
    expect(opened.statusCode, opened.body).toBe(201);
    for (const subject of subjects) {
      const res = await post('/api/v1/testing/scans', c.sampler,
        { id: ulid(), tubeBarcode: barcode, siteId, sampledAt: new Date().toISOString(), subject });
      expect(res.statusCode, res.body).toBe(201);
    }
    return barcode;
  };
  const waitForJob = async (jobId: string, cookie: string) => {
    for (;;) {
      const job = (await get(`/api/v1/jobs/${jobId}`, cookie)).json();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    const names = ['commander', 'testing_lead', 'duoba', 'lushaer', 'community', 'grid', 'sampler', 'admin'] as const;
    const cookies = await Promise.all(names.map((n) => loginAs(app, n)));
    names.forEach((n, i) => { c[n === 'testing_lead' ? 'lead' : n] = cookies[i]; });
    const listed = await get('/api/v1/testing/rounds', c.commander);
    expect(listed.statusCode, listed.body).toBe(200);
    const rounds = listed.json() as { id: string; name: string; status: string }[];
    roundId = rounds.find((r) => r.name === DEMO_ROUND_NAME)!.id;
    const sites = (await get('/api/v1/testing/my-sites', c.sampler)).json() as { siteId: string; round: { id: string } | null }[];
    siteId = sites.find((s) => s.round?.id === roundId)!.siteId;
    const rows = await tdb.ctx.handle.db.selectFrom('people').select(['id', 'doc_number_enc', 'phone_enc', 'region_code'])
      .where('region_path', '>=', GRID_PATH).where('region_path', '<', `${GRID_PATH}0`).where('status', '=', 'active')
      .where('doc_type', '=', 'resident_id').orderBy('id').execute();
    residents = rows.map((r) => ({ id: r.id, idNumber: tdb.ctx.pii.decrypt(r.doc_number_enc),
      phone: r.phone_enc ? tdb.ctx.pii.decrypt(r.phone_enc) : null, regionCode: r.region_code }));
    expect(residents.length).toBeGreaterThan(30);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('seeds an open district round with counters, sites by the plan rule, the sampler at 多巴镇 and the lab at its lab', async () => {
    const round = (await get(`/api/v1/testing/rounds/${roundId}`, c.commander)).json();
    expect(round).toMatchObject({ name: '湟中区第5轮全员核酸检测', status: 'open', regions: [{ code: '630106' }] });
    const db = tdb.ctx.handle.db;
    const people = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const counters = await db.selectFrom('testing_coverage').select(sql<number>`sum(residents)`.as('n')).where('round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(Number(counters.n)).toBe(Number(people.n));
    const sites = (await get('/api/v1/testing/sites', c.commander)).json() as { name: string; regionCode: string; samplers: unknown[] }[];
    const townships = new Set(sites.map((s) => s.regionCode.slice(0, 9)));
    expect(townships.size).toBe(17);
    for (const s of sites) expect(s.name).toMatch(/采样点$/);
    expect(sites.filter((s) => s.regionCode.startsWith(DUOBA) && s.samplers.length > 0)).toHaveLength(1);
    expect(sites.find((s) => s.samplers.length > 0)!.name).toMatch(/^多巴镇.+采样点$/);
    const lab = await db.selectFrom('users').innerJoin('organizations', 'organizations.id', 'users.organization_id')
      .select('organizations.name').where('users.username', '=', 'lab').executeTakeFirst();
    expect(lab?.name).toBe('湟中区疾病预防控制中心实验室');
    const labs = (await get('/api/v1/organizations?kind=lab&pageSize=200', c.commander)).json().items.map((o: { name: string }) => o.name);
    expect(labs).toContain('青海省第三方医学检验实验室');
  });

  it('reports coverage by township for the district, children adding up to it', async () => {
    const res = await get(`/api/v1/testing/rounds/${roundId}/coverage`, c.commander);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.region).toMatchObject({ code: '630106', level: 'district' });
    expect(report.children).toHaveLength(17);
    for (const key of ['residents', 'exempt', 'expected', 'tested', 'missing'] as const) {
      expect(report.children.reduce((n: number, ch: { figures: Record<string, number> }) => n + ch.figures[key], 0))
        .toBe(report.region.figures[key]);
    }
    for (const ch of report.children) {
      expect(ch.figures.rate).toBeGreaterThanOrEqual(0);
      expect(ch.figures.rate).toBeLessThanOrEqual(1);
      expect(ch.figures.missing).toBeGreaterThanOrEqual(0);
    }
    // A township cadre sees their township and its communities, without asking.
    const mine = (await get(`/api/v1/testing/rounds/${roundId}/coverage`, c.duoba)).json();
    expect(mine.region.code).toBe(DUOBA);
    expect(mine.children.every((ch: { code: string }) => ch.code.startsWith(DUOBA))).toBe(true);
    // Asking for the district narrows to their township.
    const asked = (await get(`/api/v1/testing/rounds/${roundId}/coverage?region=630106`, c.duoba)).json();
    expect(asked.children.map((ch: { code: string }) => ch.code)).toEqual([DUOBA]);
    expect((await get(`/api/v1/testing/rounds/${roundId}/coverage?region=${DUOBA}`, c.lushaer)).statusCode).toBe(403);
  });

  it('an exemption lowers expected at once, counted by reason; taking it back restores it', async () => {
    const before = (await coverage(GRID)).region.figures;
    const person = residents[0];
    const res = await post(`/api/v1/testing/rounds/${roundId}/exemptions`, c.grid, { personId: person.id, reason: 'isolated', note: '集中隔离' });
    expect(res.statusCode, res.body).toBe(201);
    const exemption = res.json();
    expect(exemption).toMatchObject({ personId: person.id, reason: 'isolated', regionCode: person.regionCode });
    expect(exemption.docNumber).toContain('*');
    const after = (await coverage(GRID)).region.figures;
    expect(after.expected).toBe(before.expected - 1);
    expect(after.exempt).toBe(before.exempt + 1);
    expect(after.exemptByReason.isolated).toBe(before.exemptByReason.isolated + 1);
    const township = (await coverage(DUOBA)).region.figures;
    expect(township.exemptByReason.isolated).toBeGreaterThanOrEqual(1);

    const twice = await post(`/api/v1/testing/rounds/${roundId}/exemptions`, c.duoba, { personId: person.id, reason: 'away' });
    expect(twice.statusCode).toBe(409);
    const listed = (await get(`/api/v1/testing/rounds/${roundId}/exemptions?region=${GRID}`, c.duoba)).json();
    expect(listed.items.map((e: { id: string }) => e.id)).toContain(exemption.id);

    const removed = await post(`/api/v1/testing/exemptions/${exemption.id}/remove`, c.duoba, { reason: '已解除隔离，应参加检测' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await coverage(GRID)).region.figures.expected).toBe(before.expected);
    const trail = (await get(`/api/v1/audit?action=testing.exemption.remove&subjectId=${person.id}`, c.commander)).json();
    expect(trail[0]).toMatchObject({ reason: '已解除隔离，应参加检测', detail: { exemptionReason: 'isolated' } });
    // The exemption stays for the rest of the tests.
    expect((await post(`/api/v1/testing/rounds/${roundId}/exemptions`, c.grid, { personId: person.id, reason: 'hospitalised' })).statusCode)
      .toBe(201);
  });

  it('scans raise tested; the missing list leaves out the tested and the exempt', async () => {
    const before = (await coverage(GRID)).region.figures;
    const list = await missing(GRID);
    expect(list.total).toBe(before.missing);
    expect(list.items.map((p: { personId: string }) => p.personId)).not.toContain(residents[0].id); // exempt
    const barcode = await tubeWith(residents.slice(1, 4).map((r) => ({ idNumber: r.idNumber })));
    // Sealed under-filled by hand: it waits for its result.
    const sealed = await post(`/api/v1/testing/tubes/${barcode}/seal`, c.sampler, { reason: '本户已采完' });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const after = (await coverage(GRID)).region.figures;
    expect(after.tested).toBe(before.tested + 3);
    expect(after.missing).toBe(before.missing - 3);
    const again = await missing(GRID);
    expect(again.total).toBe(list.total - 3);
    const ids = again.items.map((p: { personId: string }) => p.personId);
    for (const r of residents.slice(0, 4)) expect(ids).not.toContain(r.id);
    expect(ids).toContain(residents[5].id);
    const item = again.items.find((p: { personId: string }) => p.personId === residents[5].id);
    expect(item.docNumber).toContain('*');
    expect(item.docNumber).not.toBe(residents[5].idNumber);
    if (item.phone) expect(item.phone).toContain('*');
    // The counters and the list agree.
    expect((await coverage(GRID)).region.figures.missing).toBe(again.total);
    // Paged.
    const page2 = (await get(`/api/v1/testing/rounds/${roundId}/missing?region=${GRID}&page=2&pageSize=5`, c.duoba)).json();
    expect(page2.items.map((p: { personId: string }) => p.personId)).toEqual(ids.slice(5, 10));
    // A whole township is too large for a door-knocking list; a sampler has no list at all.
    expect((await get(`/api/v1/testing/rounds/${roundId}/missing?region=${DUOBA}`, c.duoba)).statusCode).toBe(400);
    expect((await get(`/api/v1/testing/rounds/${roundId}/missing?region=${GRID}`, c.sampler)).statusCode).toBe(403);
  });

  it('a scan by collection code counts too, and the cadre prints the same code the resident sees', async () => {
    const person = residents[6];
    const issued = await post(`/api/v1/testing/people/${person.id}/collection-code`, c.grid);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().code).toMatch(COLLECTION_CODE_PATTERN);
    const again = await post(`/api/v1/testing/people/${person.id}/collection-code`, c.duoba);
    expect(again.json().code).toBe(issued.json().code);
    const before = (await coverage(GRID)).region.figures.tested;
    await tubeWith([{ collectionCode: issued.json().code }]);
    expect((await coverage(GRID)).region.figures.tested).toBe(before + 1);
    expect((await post(`/api/v1/testing/people/${person.id}/collection-code`, c.lushaer)).statusCode).toBe(403);
  });

  it('exports the missing list as xlsx, masked and audited', async () => {
    const list = await missing(GRID);
    const res = await get(`/api/v1/testing/rounds/${roundId}/missing/export?region=${GRID}`, c.duoba);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('仅限疫情防控使用');
    expect(sheet.getRow(2).getCell(2).value).toBe('姓名');
    const rows: string[][] = [];
    sheet.eachRow((row, n) => { if (n > 2) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
    expect(rows).toHaveLength(list.total);
    const docs = rows.map((r) => r[2]);
    for (const d of docs) expect(d).toMatch(/^\d{6}\*+[\dX]{4}$/);
    for (const r of residents) expect(docs).not.toContain(r.idNumber);
    const trail = (await get('/api/v1/audit?action=testing.missing.export', c.commander)).json();
    expect(trail[0].detail).toMatchObject({ roundId, rows: list.total });
  });

  it('hands out one task per grid with people missing, once', async () => {
    const report = await coverage(COMMUNITY);
    const grids = report.children.filter((ch: { figures: { missing: number } }) => ch.figures.missing > 0);
    const res = await post(`/api/v1/testing/rounds/${roundId}/missing/tasks`, c.community, { region: COMMUNITY });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.created.map((t: { regionCode: string }) => t.regionCode).sort())
      .toEqual(grids.map((g: { code: string }) => g.code).sort());
    const mine = out.created.find((t: { regionCode: string }) => t.regionCode === GRID);
    expect(mine.missing).toBe((await coverage(GRID)).region.figures.missing);
    const inbox = (await get('/api/v1/tasks?pageSize=200', c.grid)).json();
    const task = inbox.items.find((t: { id: string }) => t.id === mine.taskId);
    expect(task).toMatchObject({ title: `应检尽检：${mine.missing}人未检`, regionCode: GRID });
    expect(task.dueAt).toBe((await get(`/api/v1/testing/rounds/${roundId}`, c.duoba)).json().endsAt);
    const twice = (await post(`/api/v1/testing/rounds/${roundId}/missing/tasks`, c.community, { region: COMMUNITY })).json();
    expect(twice).toEqual({ created: [], alreadyOpen: out.created.length });
  });

  it('records follow-ups; a refusal escalates to the community', async () => {
    const person = residents[7];
    const away = await post(`/api/v1/testing/rounds/${roundId}/followups`, c.grid, { personId: person.id, outcome: 'confirmed_away', note: '在西宁市区务工' });
    expect(away.statusCode, away.body).toBe(201);
    expect(away.json().taskId).toBeNull();
    const refused = await post(`/api/v1/testing/rounds/${roundId}/followups`, c.grid, { personId: person.id, outcome: 'refused' });
    expect(refused.statusCode).toBe(201);
    const taskId = refused.json().taskId;
    expect(taskId).toBeTruthy();
    const inbox = (await get('/api/v1/tasks?pageSize=200', c.community)).json();
    expect(inbox.items.find((t: { id: string }) => t.id === taskId)).toMatchObject({ regionCode: COMMUNITY });
    expect(inbox.items.find((t: { id: string }) => t.id === taskId).title).toContain('拒检');
    const list = await missing(GRID);
    expect(list.items.find((p: { personId: string }) => p.personId === person.id).lastFollowup).toMatchObject({ outcome: 'refused' });
    expect((await post(`/api/v1/testing/rounds/${roundId}/followups`, c.lushaer, { personId: person.id, outcome: 'refused' })).statusCode)
      .toBe(403);
  });

  it('lists unregistered people apart, and links or dismisses them', async () => {
    const before = (await coverage(GRID)).region.figures;
    await tubeWith([{ unregistered: { name: '外来务工甲', phone: '13800001111' } }, { unregistered: { name: '外来务工乙' } }]);
    const page = (await get(`/api/v1/testing/rounds/${roundId}/unregistered?region=${DUOBA}`, c.duoba)).json();
    const mine = page.items.filter((u: { name: string }) => u.name.startsWith('外来务工'));
    expect(mine).toHaveLength(2);
    const a = mine.find((u: { name: string }) => u.name === '外来务工甲');
    expect(a.phone).toBe('138****1111');
    const b = mine.find((u: { name: string }) => u.name === '外来务工乙');
    // The first turns out to be a resident of the grid not yet tested: linked, then counted as tested.
    const target = residents[8];
    const linked = await post(`/api/v1/testing/unregistered/${a.id}/resolve`, c.duoba, { action: 'registered', personId: target.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ status: 'registered', personId: target.id });
    expect((await coverage(GRID)).region.figures.tested).toBe(before.tested + 1);
    expect((await missing(GRID)).items.map((p: { personId: string }) => p.personId)).not.toContain(target.id);
    const dismissed = await post(`/api/v1/testing/unregistered/${b.id}/resolve`, c.duoba, { action: 'dismissed', reason: '重复登记' });
    expect(dismissed.json().status).toBe('dismissed');
    expect((await post(`/api/v1/testing/unregistered/${b.id}/resolve`, c.duoba, { action: 'dismissed', reason: '重复登记' })).statusCode)
      .toBe(409);
    const open = (await get(`/api/v1/testing/rounds/${roundId}/unregistered?region=${DUOBA}`, c.duoba)).json();
    expect(open.items.map((u: { id: string }) => u.id)).not.toContain(a.id);
  });

  it('reconciliation finds a tampered counter, corrects it, and finds nothing the second time', async () => {
    const db = tdb.ctx.handle.db;
    const leaf = residents[1].regionCode;
    const stored = await db.selectFrom('testing_coverage').select(['tested', 'exempt']).where('round_id', '=', roundId)
      .where('region_code', '=', leaf).executeTakeFirstOrThrow();
    await db.updateTable('testing_coverage').set({ tested: Number(stored.tested) + 7, exempt: 0 }).where('round_id', '=', roundId)
      .where('region_code', '=', leaf).execute();
    expect((await post(`/api/v1/testing/rounds/${roundId}/reconcile`, c.duoba)).statusCode).toBe(403);
    const started = await post(`/api/v1/testing/rounds/${roundId}/reconcile`, c.lead);
    expect(started.statusCode, started.body).toBe(202);
    // Not twice at once (its corrections are increments).
    expect((await post(`/api/v1/testing/rounds/${roundId}/reconcile`, c.commander)).statusCode).toBe(409);
    const job = await waitForJob(started.json().jobId, c.lead);
    expect(job.status, job.message).toBe('succeeded');
    expect(job.result.drifts).toEqual(expect.arrayContaining([
      { regionCode: leaf, field: 'tested', stored: Number(stored.tested) + 7, actual: Number(stored.tested) },
    ]));
    if (Number(stored.exempt) > 0) {
      expect(job.result.drifts).toContainEqual({ regionCode: leaf, field: 'exempt', stored: 0, actual: Number(stored.exempt) });
    }
    const fixed = await db.selectFrom('testing_coverage').select(['tested', 'exempt']).where('round_id', '=', roundId)
      .where('region_code', '=', leaf).executeTakeFirstOrThrow();
    expect({ tested: Number(fixed.tested), exempt: Number(fixed.exempt) })
      .toEqual({ tested: Number(stored.tested), exempt: Number(stored.exempt) });
    const again = await reconcileRound(tdb.ctx, roundId);
    expect(again.drifted).toBe(0);
    const report = await coverage('630106', c.commander);
    expect(again.expected).toBe(report.region.figures.expected);
    expect(again.tested).toBe(report.region.figures.tested);
    expect(again.seconds).toBeLessThan(5);
  });

  it('sums the counters in the database exactly as the rules do, odd counters included', async () => {
    const now = Date.now();
    const made = await post('/api/v1/testing/rounds', c.lead, { name: `多巴镇对账测试${unique()}`, regionCodes: [DUOBA],
      startsAt: new Date(now - 5 * 86_400_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() });
    expect(made.statusCode, made.body).toBe(201);
    const other = made.json().id;
    const db = tdb.ctx.handle.db;
    const leaves = await report.leafCounters(db, other, [DUOBA_PATH]);
    const odd = [[-3, 0, 0, 0], [5, 9, 0, 1], [4, 1, 10, 0], [7, -2, -1, -4], [0, 0, 3, 2]];
    for (let i = 0; i < odd.length; i++) {
      const [residents, exempt, tested, unregistered] = odd[i];
      await db.updateTable('testing_coverage').set({ residents, exempt, tested, unregistered }).where('round_id', '=', other)
        .where('region_code', '=', leaves[i * Math.floor(leaves.length / odd.length)].region_code).execute();
    }
    const fresh = await report.leafCounters(db, other, [DUOBA_PATH]);
    for (const parent of ['630106', DUOBA_PATH, `${DUOBA_PATH}/${COMMUNITY}`]) {
      const code = parent.split('/').pop()!;
      // As coverageOf asks: the paths read lie under the parent.
      const inDb = await report.sumsByChild(db, other, [parent.length > DUOBA_PATH.length ? parent : DUOBA_PATH],
        parent.length + 1 + code.length + 3);
      const byRules = rollUp(parent, fresh.map((l) => ({ path: l.region_path, residents: l.residents, exempt: l.exempt,
        tested: l.tested, unregistered: l.unregistered })));
      expect(inDb.map(({ child, updatedAt: _, ...sums }) => ({ path: child, sums })).sort((a, b) => (a.path < b.path ? -1 : 1)))
        .toEqual(byRules.children);
    }
    expect((await post(`/api/v1/testing/rounds/${other}/status`, c.lead, { to: 'closed' })).statusCode).toBe(200);
    // A closed round takes no more exemptions nor lists to hand out.
    const late = await post(`/api/v1/testing/rounds/${other}/exemptions`, c.duoba, { personId: residents[9].id, reason: 'away' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ROUND_NOT_OPEN');
    expect((await post(`/api/v1/testing/rounds/${other}/missing/tasks`, c.duoba, { region: DUOBA })).statusCode).toBe(409);
  });

  it('gives a summary for command within the user\'s regions', async () => {
    const res = await get('/api/v1/testing/summary', c.commander);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.samplesToday).toBeGreaterThanOrEqual(6);
    expect(s.round).toMatchObject({ id: roundId, name: DEMO_ROUND_NAME });
    expect(s.coverage).toHaveLength(17);
    expect(s.coverage.find((t: { code: string }) => t.code === DUOBA).figures.tested).toBeGreaterThanOrEqual(5);
    expect(s.resultsPending).toBeGreaterThanOrEqual(1);
    const township = (await get('/api/v1/testing/summary', c.lushaer)).json();
    expect(township.coverage.map((t: { code: string }) => t.code)).toEqual(['630106102']);
    expect(township.samplesToday).toBe(0); // nobody of 鲁沙尔镇 was swabbed
    expect((await get('/api/v1/testing/summary', c.sampler)).statusCode).toBe(403);
  });

  describe('residents\' page', () => {
    const lookup = (body: object, ip: string) =>
      app.inject({ method: 'POST', url: '/api/v1/testing/residents/lookup', payload: body, remoteAddress: ip });

    it('shows a resident their own latest result and collection code, and nothing to a wrong guess', async () => {
      const person = residents.slice(1, 4).find((r) => r.phone)!;
      const ip = `10.1.${dialect === 'sqlite' ? 1 : 2}.1`;
      const ok = await lookup({ idNumber: person.idNumber, phoneLast4: person.phone!.slice(-4) }, ip);
      expect(ok.statusCode, ok.body).toBe(200);
      const body = ok.json();
      expect(Object.keys(body).sort()).toEqual(['collectionCode', 'results']);
      expect(body.collectionCode).toMatch(COLLECTION_CODE_PATTERN);
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({ result: 'pending' });
      expect(Object.keys(body.results[0]).sort()).toEqual(['result', 'resultLabel', 'sampledAt', 'siteName']);
      expect(body.results[0].siteName).toMatch(/采样点$/);
      // Issued once: the same code the next time.
      expect((await lookup({ idNumber: person.idNumber, phoneLast4: person.phone!.slice(-4) }, ip)).json().collectionCode)
        .toBe(body.collectionCode);

      const wrongDigits = person.phone!.slice(-4) === '0000' ? '1111' : '0000';
      const wrong = await lookup({ idNumber: person.idNumber, phoneLast4: wrongDigits }, ip);
      const nobody = await lookup({ idNumber: makeIdNumber('630122', '1961-02-03', dialect === 'sqlite' ? 991 : 993), phoneLast4: '1234' }, ip);
      expect(wrong.statusCode).toBe(404);
      expect(nobody.statusCode).toBe(404);
      expect(wrong.json()).toEqual(nobody.json());
      expect(wrong.body).not.toContain(person.id);
      const trail = (await get('/api/v1/audit?action=testing.resident_lookup', c.commander)).json();
      expect(trail.slice(0, 4).map((e: { result: string; ip: string }) => [e.result, e.ip]))
        .toEqual([['denied', ip], ['denied', ip], ['ok', ip], ['ok', ip]]);
    });

    it('refuses a flood from one address with 429', async () => {
      const ip = `10.2.${dialect === 'sqlite' ? 1 : 2}.9`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await lookup({ idNumber: makeIdNumber('630122', '1970-01-01', 10 + i), phoneLast4: '0000' }, ip)).statusCode);
      }
      expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      // Another address is not affected.
      expect((await lookup({ idNumber: makeIdNumber('630122', '1970-01-01', 30), phoneLast4: '0000' }, `${ip}1`)).statusCode).toBe(404);
    });

    it('refuses guessing the digits of one ID number from many addresses', async () => {
      const idNumber = makeIdNumber('630122', '1955-05-05', dialect === 'sqlite' ? 501 : 503);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await lookup({ idNumber, phoneLast4: String(1000 + i) }, `10.3.${dialect === 'sqlite' ? 1 : 2}.${i}`)).statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    });
  });
});
