import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { createAdmission } from './admission.js';
import type { AppContext } from './context.js';
import { registerSessionResolution } from './http.js';

describe('a request shed by admission control', () => {
  it('is refused at once with 503, Retry-After and a message in the reader\'s language, before its handler or session', async () => {
    const app = Fastify();
    await app.register(cookie, { secret: 'test-secret' });
    // No session is ever looked up: the context's database is never reached.
    registerSessionResolution(app, {} as AppContext);
    let handled = 0;
    // A floor of 0 and no answer measured yet: it admits nothing, so every request here is shed.
    app.post('/api/v1/shed', { config: { admission: createAdmission({ maxWaitMs: 40, floor: 0 }) } }, async () => {
      handled += 1;
      return { ok: true };
    });
    const zh = await app.inject({ method: 'POST', url: '/api/v1/shed', payload: { scan: 1 } });
    expect(zh.statusCode).toBe(503);
    expect(zh.headers['retry-after']).toBe('1');
    expect(zh.json()).toEqual({ error: { code: 'OVERLOADED', message: '系统繁忙，请稍后重试' } });
    const en = await app.inject({ method: 'POST', url: '/api/v1/shed', headers: { 'accept-language': 'en' }, payload: { scan: 2 } });
    expect(en.json()).toEqual({ error: { code: 'OVERLOADED', message: 'The system is busy; retry shortly' } });
    expect(handled).toBe(0);
    await app.close();
  });
});
