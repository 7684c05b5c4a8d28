import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, sessionCookie, testApp } from '../support/http.js';

describe.each(DIALECTS)('auth on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('signs in with the demo password and answers who I am', async () => {
    const cookie = await loginAs(app, 'duoba');
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'duoba', role: 'township_cadre', scopes: [{ code: '630106105', name: '多巴镇' }] });
  });

  it('refuses a request without a session', async () => {
    const res = await app.inject({ url: '/api/v1/people' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.json().error.message).toBe('请先登录');
  });

  it('answers in English when asked', async () => {
    const res = await app.inject({ url: '/api/v1/people', headers: { 'accept-language': 'en-US,en' } });
    expect(res.json().error.message).toBe('Please sign in');
  });

  it('refuses a forged session cookie', async () => {
    const cookie = await loginAs(app, 'duoba');
    const [name, value] = cookie.split('=');
    const forged = `${name}=${value.slice(0, -3)}abc`;
    const res = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: forged } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired session with its own code', async () => {
    const cookie = await loginAs(app, 'lushaer');
    await tdb.ctx.handle.db.updateTable('sessions').set({ expires_at: '2020-01-01T00:00:00.000Z' }).execute();
    const res = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('locks an account after ten wrong passwords, even for the right one, and audits it', async () => {
    const attempt = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'volunteer', password } });
    for (let i = 1; i <= 9; i++) expect((await attempt(`wrong${i}`)).statusCode).toBe(401);
    const tenth = await attempt('wrong10');
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await attempt('anning2022');
    expect(right.statusCode).toBe(423);
    const failures = await tdb.ctx.handle.db.selectFrom('audit_log').select('result')
      .where('action', '=', 'auth.login').where('username', '=', 'volunteer').execute();
    expect(failures.filter((f) => f.result === 'failed')).toHaveLength(10);
    expect(failures.filter((f) => f.result === 'denied')).toHaveLength(1);
  });

  it('limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '127.0.0.9',
        payload: { username: `nobody${i}`, password: 'x' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '127.0.0.9',
      payload: { username: 'duoba', password: 'anning2022' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it('ends the session on logout', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grid', password: 'anning2022' } });
    const cookie = sessionCookie(login);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', dialect });
    const doc = (await app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/people');
  });
});
