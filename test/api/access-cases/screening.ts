import { expect } from 'vitest';
import { signedIn } from '../../support/http.js';
import type { Cases } from './fixture.js';

/** Access cases for screening. The plan preview touches no one's data: refused only to roles outside the ledger. */
export const SCREENING_CASES: Cases = {
  'POST /api/v1/screening/plan-preview': async (f) => {
    const market = await signedIn(f.app, 'market');
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/screening/plan-preview', headers: { cookie: market },
      payload: { category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' } });
    expect(res.statusCode).toBe(403);
  },
};
