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

export function sessionCookie(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no cookie set');
  return first.split(';')[0];
}
