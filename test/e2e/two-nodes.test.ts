import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { startServer, type RunningServer } from '../support/server.js';

/** Two app processes on one PostgreSQL: no state lives in a node. */
describe('two nodes over one PostgreSQL', () => {
  let tdb: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    tdb = await testDatabase('postgres');
    [a, b] = await Promise.all([
      startServer({ databaseUrl: tdb.databaseUrl, seed: 'none' }),
      startServer({ databaseUrl: tdb.databaseUrl, seed: 'none' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await tdb?.close();
  });

  it('reads through one node what was written through the other, with the same session', async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'duoba', password: 'anning2022' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    const meOnB = await fetch(`${b.url}/api/v1/auth/me`, { headers: { cookie } });
    expect(meOnB.status).toBe(200);
    expect((await meOnB.json()).username).toBe('duoba');

    const docNumber = makeIdNumber('630122', '1982-11-02', 77);
    const created = await fetch(`${a.url}/api/v1/people`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ docNumber, name: '宋龙', regionCode: '630106105001001', phone: '13897001234' }),
    });
    expect(created.status).toBe(201);
    const found = await (await fetch(`${b.url}/api/v1/people?idNumber=${docNumber}`, { headers: { cookie } })).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].name).toBe('宋龙');

    // Signing out on B ends the session on A too.
    await fetch(`${b.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
    expect((await fetch(`${a.url}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});
