import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { AppContext } from '../../src/server/platform/context.js';
import { DEMO_PASSWORD } from '../../src/server/seed/index.js';

export async function testApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = await buildApp(ctx);
  await app.ready();
  return app;
}

/** Signs in and returns the cookie header for later requests. */
export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}

const sessions = new WeakMap<FastifyInstance, Map<string, Promise<string>>>();

/**
 * One session per demo account and app, signed in once: suites that act as many people stay under the
 * sign-in rate limit (30 a minute). Only for accounts the suite does not change (a change ends sessions).
 */
export function signedIn(app: FastifyInstance, username: string): Promise<string> {
  let mine = sessions.get(app);
  if (!mine) sessions.set(app, (mine = new Map()));
  let cookie = mine.get(username);
  if (!cookie) mine.set(username, (cookie = loginAs(app, username)));
  return cookie;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no cookie set');
  return first.split(';')[0];
}
