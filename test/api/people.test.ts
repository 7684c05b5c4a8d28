import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';

const GRID = '630106105001001';

describe.each(DIALECTS)('people ledger on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let duoba: string;
  let lushaer: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    duoba = await loginAs(app, 'duoba');
    lushaer = await loginAs(app, 'lushaer');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const create = (cookie: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie }, payload });
  const validPerson = (seq: number) => ({
    docNumber: makeIdNumber('630122', '1975-03-14', seq),
    name: '马海燕',
    phone: '13909712345',
    regionCode: GRID,
    address: '测试小区1号楼1单元101室',
    tags: ['chronic_disease'],
  });

  it('lists only the township of a township cadre, masked, paginated', async () => {
    const res = await app.inject({ url: '/api/v1/people?pageSize=20', headers: { cookie: duoba } });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items).toHaveLength(20);
    // The total comes from the region counters: it must equal a real count of the ledger.
    const counted = await tdb.ctx.handle.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_path', 'like', '630106/630106105/%').where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(page.total).toBe(Number(counted.n));
    for (const p of page.items) {
      expect(p.regionCode.startsWith('630106105')).toBe(true);
      expect(p.docNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      if (p.phone) expect(p.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it('refuses another township in the URL and audits the refusal', async () => {
    const res = await app.inject({ url: '/api/v1/people?region=630106102', headers: { cookie: duoba } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    const denied = await tdb.ctx.handle.db.selectFrom('audit_log').selectAll()
      .where('action', '=', 'access.denied').where('username', '=', 'duoba').execute();
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[denied.length - 1].detail).toContain('630106102');
  });

  it('creates a resident, derives birth date and gender, and finds them by exact ID number', async () => {
    const input = validPerson(11);
    const res = await create(duoba, input);
    expect(res.statusCode).toBe(201);
    const person = res.json();
    expect(person).toMatchObject({ name: '马海燕', birthDate: '1975-03-14', gender: 'M', regionCode: GRID });
    expect(person.tags).toContain('chronic_disease');
    expect(person.docNumber).not.toBe(input.docNumber);

    const grid = await app.inject({ url: `/api/v1/people?region=${GRID}`, headers: { cookie: duoba } });
    const counted = await tdb.ctx.handle.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_code', 'like', `${GRID}%`).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(grid.json().total).toBe(Number(counted.n));
    const found = await app.inject({ url: `/api/v1/people?idNumber=${input.docNumber}`, headers: { cookie: duoba } });
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    const byPhone = await app.inject({ url: '/api/v1/people?phone=139-0971-2345', headers: { cookie: duoba } });
    expect(byPhone.json().items.map((p: { id: string }) => p.id)).toContain(person.id);

    // Stored encrypted: neither the number nor the phone appears in clear in the row.
    const row = await tdb.ctx.handle.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(input.docNumber);
    expect(JSON.stringify(row)).not.toContain('13909712345');
  });

  it('refuses the same ID number twice, naming who holds it', async () => {
    const input = validPerson(21);
    expect((await create(duoba, input)).statusCode).toBe(201);
    const again = await create(duoba, { ...input, name: '马小燕' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE_PERSON');
  });

  it.each([
    ['a wrong check digit', { docNumber: 'CHECK' }, 'docNumber', 'ID_CHECKSUM'],
    ['an impossible birth date', { docNumber: 'DATE' }, 'docNumber', 'ID_BIRTH_DATE'],
    ['an unknown address code', { docNumber: 'ADDRESS' }, 'docNumber', 'ID_ADDRESS_CODE'],
    ['a 10-digit phone', { phone: '1390971234' }, 'phone', 'PHONE_FORMAT'],
    ['an empty name', { name: '  ' }, 'name', 'REQUIRED'],
    ['an unknown region', { regionCode: '630106105001999' }, 'regionCode', 'REGION_UNKNOWN'],
  ])('refuses %s with the field and writes nothing', async (_label, change: Record<string, string>, field, code) => {
    const base = validPerson(31);
    const id = base.docNumber;
    const docNumber =
      change.docNumber === 'CHECK' ? id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
      : change.docNumber === 'DATE' ? fixCheck(`630122${'19990230'}123`)
      : change.docNumber === 'ADDRESS' ? fixCheck(`999999${'19800101'}123`)
      : id;
    const before = await count();
    const res = await create(duoba, { ...base, ...change, docNumber });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const issue = body.error.details.fields.find((f: { field: string }) => f.field === field);
    expect(issue).toMatchObject({ code });
    expect(issue.message.length).toBeGreaterThan(2);
    expect(await count()).toBe(before);
  });

  it('refuses to register a resident in another township', async () => {
    const res = await create(lushaer, validPerson(41));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('unmasks the phone with a reason, and the audit log shows it', async () => {
    const created = (await create(duoba, validPerson(51))).json();
    const noReason = await app.inject({ method: 'POST', url: `/api/v1/people/${created.id}/unmask`, headers: { cookie: duoba },
      payload: { fields: ['phone'], reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: `/api/v1/people/${created.id}/unmask`, headers: { cookie: duoba },
      payload: { fields: ['phone'], reason: '联系核酸复检' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ phone: '13909712345' });
    const commander = await loginAs(app, 'commander');
    const log = await app.inject({ url: `/api/v1/audit?subjectType=person&subjectId=${created.id}&action=people.unmask`,
      headers: { cookie: commander } });
    expect(log.json()[0]).toMatchObject({ username: 'duoba', reason: '联系核酸复检', detail: { fields: ['phone'] } });
  });

  it('does not let a cadre of another township read or unmask a resident', async () => {
    const created = (await create(duoba, validPerson(61))).json();
    expect((await app.inject({ url: `/api/v1/people/${created.id}`, headers: { cookie: lushaer } })).statusCode).toBe(403);
    const unmask = await app.inject({ method: 'POST', url: `/api/v1/people/${created.id}/unmask`, headers: { cookie: lushaer },
      payload: { fields: ['docNumber'], reason: '核查' } });
    expect(unmask.statusCode).toBe(403);
  });

  it('filters by derived and recorded tags', async () => {
    const old = await app.inject({ url: '/api/v1/people?tag=age_80&pageSize=200', headers: { cookie: duoba } });
    for (const p of old.json().items) expect(p.age).toBeGreaterThanOrEqual(80);
    const chronic = await app.inject({ url: '/api/v1/people?tag=chronic_disease&pageSize=200', headers: { cookie: duoba } });
    expect(chronic.json().total).toBeGreaterThan(0);
    for (const p of chronic.json().items) expect(p.tags).toContain('chronic_disease');
  });

  async function count(): Promise<number> {
    const r = await tdb.ctx.handle.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
});

/** Gives a 17-digit body its correct check character, so only the intended fault remains. */
function fixCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
