import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { residentIdNumbers, scanOf, setUpSampling, type SamplingSetup } from '../support/testing.js';

const DUOBA_PATH = '630106/630106105';

describe.each(DIALECTS)('sampling on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let s: SamplingSetup;
  let residents: { id: string; idNumber: string }[];
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    s = await setUpSampling(app);
    residents = await residentIdNumbers(tdb.ctx, DUOBA_PATH, 40);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const post = (url: string, payload: unknown, cookie = s.sampler) => app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const scan = (tube: string, idNumber: string, extra: Record<string, unknown> = {}) =>
    post('/api/v1/testing/scans', scanOf(s.siteId, tube, { idNumber }, extra));
  const coverage = async () => {
    const rows = await tdb.ctx.handle.db.selectFrom('testing_coverage').select(['tested', 'unregistered'])
      .where('round_id', '=', s.roundId).execute();
    return rows.reduce((t, r) => ({ tested: t.tested + Number(r.tested), unregistered: t.unregistered + Number(r.unregistered) }),
      { tested: 0, unregistered: 0 });
  };

  it("shows the sampler their site, its open round and the tube size of a low-risk zone", async () => {
    const res = await app.inject({ url: '/api/v1/testing/my-sites', headers: { cookie: s.sampler } });
    expect(res.statusCode).toBe(200);
    const site = res.json().find((m: { siteId: string }) => m.siteId === s.siteId);
    expect(site).toMatchObject({ siteId: s.siteId, capacity: 10, round: { id: s.roundId } });
  });

  it('offers the samplers who may work in a region to the testing lead', async () => {
    const res = await app.inject({ url: '/api/v1/testing/samplers?region=630106105001', headers: { cookie: s.lead } });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((c: { username: string }) => c.username)).toContain('sampler');
    const elsewhere = await app.inject({ url: '/api/v1/testing/samplers?region=630106102', headers: { cookie: s.lead } });
    expect(elsewhere.json().map((c: { username: string }) => c.username)).not.toContain('sampler');
  });

  it('fills a 10-in-1 tube: counter per scan, sealed itself at the tenth, coverage counted', async () => {
    const opened = await post('/api/v1/testing/tubes', { barcode: 'HZ-T-0001', siteId: s.siteId });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ capacity: 10, memberCount: 0, status: 'open' });
    const before = await coverage();
    for (let n = 0; n < 10; n++) {
      const res = await scan('HZ-T-0001', residents[n].idNumber);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ seq: n + 1, replay: false, tube: { memberCount: n + 1, status: n === 9 ? 'sealed' : 'open' } });
      expect(res.json().person.name).toContain('*');
    }
    const tube = (await app.inject({ url: '/api/v1/testing/tubes/HZ-T-0001', headers: { cookie: s.sampler } })).json();
    expect(tube).toMatchObject({ status: 'sealed', underfilled: false, memberCount: 10 });
    expect(tube.members).toHaveLength(10);
    expect((await coverage()).tested).toBe(before.tested + 10);
    // Sealed means sealed: an eleventh person is refused with a message the sampler understands.
    const more = await scan('HZ-T-0001', residents[10].idNumber);
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe('TUBE_SEALED');
    expect(more.json().error.message).toContain('HZ-T-0001');
  });

  it('refuses the same person twice in a tube, and asks a reason to sample someone again the same day', async () => {
    expect((await scan('HZ-T-0002', residents[11].idNumber)).statusCode).toBe(201);
    const twice = await scan('HZ-T-0002', residents[11].idNumber);
    expect(twice.json().error.code).toBe('PERSON_ALREADY_IN_TUBE');
    const again = await scan('HZ-T-0002', residents[0].idNumber);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SAMPLED_TODAY');
    const before = await coverage();
    const withReason = await scan('HZ-T-0002', residents[0].idNumber, { repeatReason: '首管样本泄漏，重采' });
    expect(withReason.statusCode).toBe(201);
    expect((await coverage()).tested).toBe(before.tested); // still one person tested
  });

  it('stores a scan sent twice (offline retry) once, and answers the retry as a replay', async () => {
    const body = scanOf(s.siteId, 'HZ-T-0003', { idNumber: residents[12].idNumber });
    const first = await post('/api/v1/testing/scans', body);
    const second = await post('/api/v1/testing/scans', body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: body.id, replay: true, seq: first.json().seq });
    const rows = await tdb.ctx.handle.db.selectFrom('testing_samples').select('id').where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('syncs a queued batch: each scan answered on its own, replays and refusals included', async () => {
    const a = scanOf(s.siteId, 'HZ-T-0004', { idNumber: residents[13].idNumber });
    const b = scanOf(s.siteId, 'HZ-T-0004', { idNumber: residents[14].idNumber });
    const dup = scanOf(s.siteId, 'HZ-T-0004', { idNumber: residents[13].idNumber });
    const res = await post('/api/v1/testing/scans/batch', { scans: [a, b, dup, a] });
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false, true]);
    expect(results[2].error.code).toBe('PERSON_ALREADY_IN_TUBE');
    expect(results[3].accepted.replay).toBe(true);
    expect((await app.inject({ url: '/api/v1/testing/tubes/HZ-T-0004', headers: { cookie: s.sampler } })).json().memberCount).toBe(2);
  });

  it('samples a person missing from the ledger with minimal fields and counts them apart', async () => {
    const before = await coverage();
    const unknown = await scan('HZ-T-0005', makeIdNumber('630122', '1990-01-01', 999));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PERSON_NOT_REGISTERED');
    const res = await post('/api/v1/testing/scans', scanOf(s.siteId, 'HZ-T-0005', { unregistered: { name: '外来务工', phone: '13909711111' } }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().person).toMatchObject({ unregistered: true, name: '外来务工' });
    expect((await coverage()).unregistered).toBe(before.unregistered + 1);
  });

  it('seals an under-filled tube by hand and marks it', async () => {
    const res = await post('/api/v1/testing/tubes/HZ-T-0004/seal', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'sealed', underfilled: true, memberCount: 2 });
    expect((await post('/api/v1/testing/tubes/HZ-T-0004/seal', {})).json().status).toBe('sealed'); // replayed seal: no change
  });

  it('refuses bad barcodes and ID numbers with clear errors, writing nothing', async () => {
    for (const barcode of ['', 'A'.repeat(65), 'HZ\u0007BEL1', 'HZ T 1']) {
      const res = await post('/api/v1/testing/scans', scanOf(s.siteId, barcode, { idNumber: residents[20].idNumber }));
      expect(res.statusCode, barcode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const typo = await scan('HZ-T-0006', residents[20].idNumber.slice(0, 17) + (residents[20].idNumber[17] === '1' ? '2' : '1'));
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details.fields[0].code).toBe('ID_CHECKSUM');
    const future = await scan('HZ-T-0006', residents[20].idNumber);
    expect(future.statusCode).toBe(201);
    const late = await post('/api/v1/testing/scans', scanOf(s.siteId, 'HZ-T-0006', { idNumber: residents[21].idNumber },
      { sampledAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(late.json().error.code).toBe('SCAN_TIME_INVALID');
  });

  it('refuses a tube reused in another round', async () => {
    const lead = s.lead;
    const reopen = await app.inject({ method: 'POST', url: `/api/v1/testing/rounds/${s.roundId}/status`, headers: { cookie: lead },
      payload: { to: 'open' } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.code).toBe('INVALID_STATE');
    await app.inject({ method: 'POST', url: `/api/v1/testing/rounds/${s.roundId}/status`, headers: { cookie: lead }, payload: { to: 'closed' } });
    const next = await app.inject({ method: 'POST', url: '/api/v1/testing/rounds', headers: { cookie: lead }, payload: {
      name: '多巴镇第2轮', regionCodes: ['630106105'], startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(next.statusCode).toBe(201);
    const reuse = await scan('HZ-T-0002', residents[30].idNumber);
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error.code).toBe('TUBE_OTHER_ROUND');
    const opened = await post('/api/v1/testing/tubes', { barcode: 'HZ-T-0001', siteId: s.siteId });
    expect(opened.json().error.code).toBe('TUBE_OTHER_ROUND');
  });

  it('refuses a sampler outside their site, and roles that do not sample', async () => {
    const communities = (await app.inject({ url: '/api/v1/regions/630106105/children', headers: { cookie: s.lead } })).json();
    const elsewhere = communities.find((c: { code: string }) => c.code !== '630106105001').code;
    const other = await app.inject({ method: 'POST', url: '/api/v1/testing/sites', headers: { cookie: s.lead }, payload: {
      name: '另一采样点', regionCode: elsewhere } });
    expect(other.statusCode).toBe(201);
    const res = await post('/api/v1/testing/scans', scanOf(other.json().id, 'HZ-T-0099', { idNumber: residents[31].idNumber }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_SITE_SAMPLER');
    const cadre = await loginAs(app, 'duoba');
    const byCadre = await post('/api/v1/testing/scans', scanOf(s.siteId, 'HZ-T-0098', { idNumber: residents[31].idNumber }), cadre);
    expect(byCadre.statusCode).toBe(403);
  });

  it('refuses a sampler at their next scan once taken off the site, and takes them back at once', async () => {
    // Who samples where is remembered for a second wherever scans are written (on SQLite, the writer's
    // thread): a change made here must reach it before the next scan, not a second later.
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.sampler } })).json();
    const seat = `/api/v1/testing/sites/${s.siteId}/samplers`;
    expect((await scan('HZ-T-0200', residents[32].idNumber)).statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: `${seat}/${me.id}`, headers: { cookie: s.lead } })).statusCode).toBe(200);
    const off = await scan('HZ-T-0200', residents[33].idNumber);
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('NOT_SITE_SAMPLER');
    expect((await post(seat, { userId: me.id }, s.lead)).statusCode).toBe(200);
    expect((await scan('HZ-T-0200', residents[33].idNumber)).statusCode).toBe(201);
  });
});
