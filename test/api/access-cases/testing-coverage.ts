import { expect } from 'vitest';
import { ulid } from 'ulidx';
import { signedIn } from '../../support/http.js';
import { DEMO_ROUND_NAME } from '../../../src/server/seed/testing.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './fixture.js';

/**
 * Access cases for the testing module's coverage endpoints (exemptions, coverage, missing lists,
 * follow-ups, unregistered people, reconciliation, collection codes, the command summary). The
 * seeded district round is visible to both cadres (it covers both townships): refusals come from
 * the region checks, and from the role for reconciliation.
 */

async function roundOf(f: Fixture): Promise<string> {
  const rounds = (await f.app.inject({ url: '/api/v1/testing/rounds', headers: { cookie: f.owner } })).json() as { id: string; name: string }[];
  return rounds.find((r) => r.name === DEMO_ROUND_NAME)!.id;
}

const status = async (f: Fixture, method: 'GET' | 'POST', url: string, payload?: object, cookie = f.outsider) =>
  (await f.app.inject({ method, url, headers: { cookie }, payload })).statusCode;

export const TESTING_COVERAGE_CASES: Cases = {
  'GET /api/v1/testing/rounds/{id}/exemptions': async (f) =>
    refused(await status(f, 'GET', `/api/v1/testing/rounds/${await roundOf(f)}/exemptions?region=${DUOBA}`)),
  'POST /api/v1/testing/rounds/{id}/exemptions': async (f) =>
    refused(await status(f, 'POST', `/api/v1/testing/rounds/${await roundOf(f)}/exemptions`, { personId: f.personId, reason: 'away' })),
  'POST /api/v1/testing/exemptions/{id}/remove': async (f) => {
    const round = await roundOf(f);
    const made = await f.app.inject({ method: 'POST', url: `/api/v1/testing/rounds/${round}/exemptions`, headers: { cookie: f.owner },
      payload: { personId: f.personId, reason: 'duplicate' } });
    const id = made.statusCode === 201 ? made.json().id
      : (await f.app.inject({ url: `/api/v1/testing/rounds/${round}/exemptions?region=${DUOBA_GRID}`, headers: { cookie: f.owner } }))
        .json().items.find((e: { personId: string }) => e.personId === f.personId).id;
    refused(await status(f, 'POST', `/api/v1/testing/exemptions/${id}/remove`, { reason: '越权撤销' }));
  },
  'GET /api/v1/testing/rounds/{id}/coverage': async (f) => {
    const round = await roundOf(f);
    refused(await status(f, 'GET', `/api/v1/testing/rounds/${round}/coverage?region=${DUOBA}`));
    // Without a region, the outsider sees only their own township.
    const own = (await f.app.inject({ url: `/api/v1/testing/rounds/${round}/coverage?region=630106`, headers: { cookie: f.outsider } })).json();
    expect(own.children.map((c: { code: string }) => c.code)).toEqual(['630106102']);
  },
  'GET /api/v1/testing/rounds/{id}/missing': async (f) =>
    refused(await status(f, 'GET', `/api/v1/testing/rounds/${await roundOf(f)}/missing?region=${DUOBA_GRID}`)),
  'GET /api/v1/testing/rounds/{id}/missing/export': async (f) =>
    refused(await status(f, 'GET', `/api/v1/testing/rounds/${await roundOf(f)}/missing/export?region=${DUOBA_GRID}`)),
  'POST /api/v1/testing/rounds/{id}/missing/tasks': async (f) =>
    refused(await status(f, 'POST', `/api/v1/testing/rounds/${await roundOf(f)}/missing/tasks`, { region: DUOBA })),
  'POST /api/v1/testing/rounds/{id}/followups': async (f) =>
    refused(await status(f, 'POST', `/api/v1/testing/rounds/${await roundOf(f)}/followups`, { personId: f.personId, outcome: 'refused' })),
  'GET /api/v1/testing/rounds/{id}/unregistered': async (f) =>
    refused(await status(f, 'GET', `/api/v1/testing/rounds/${await roundOf(f)}/unregistered?region=${DUOBA}`)),
  'POST /api/v1/testing/unregistered/{id}/resolve': async (f) => {
    // A person sampled without a ledger entry at one of the demo sampler's sites in 多巴镇 (in whatever round is open there).
    const sampler = await signedIn(f.app, 'sampler');
    const sites = (await f.app.inject({ url: '/api/v1/testing/my-sites', headers: { cookie: sampler } })).json() as
      { siteId: string; round: { id: string } | null }[];
    const site = sites.find((s) => s.round)!;
    const barcode = `AC-${ulid()}`;
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/testing/tubes', headers: { cookie: sampler },
      payload: { barcode, siteId: site.siteId } })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/testing/scans', headers: { cookie: sampler },
      payload: { id: ulid(), tubeBarcode: barcode, siteId: site.siteId, sampledAt: new Date().toISOString(),
        subject: { unregistered: { name: '访客' } } } })).statusCode).toBe(201);
    const listed = (await f.app.inject({ url: `/api/v1/testing/rounds/${site.round!.id}/unregistered?region=${DUOBA}`,
      headers: { cookie: f.owner } })).json();
    const id = listed.items[0].id;
    refused(await status(f, 'POST', `/api/v1/testing/unregistered/${id}/resolve`, { action: 'dismissed', reason: '越权处理' }));
  },
  'POST /api/v1/testing/rounds/{id}/reconcile': async (f) => {
    // Reconciliation is for the round's managers: a township cadre may not start it, even for their own round.
    refused(await status(f, 'POST', `/api/v1/testing/rounds/${await roundOf(f)}/reconcile`, {}));
    refused(await status(f, 'POST', `/api/v1/testing/rounds/${await roundOf(f)}/reconcile`, {}, f.owner));
  },
  'POST /api/v1/testing/residents/lookup': 'public',
  'POST /api/v1/testing/people/{id}/collection-code': async (f) =>
    refused(await status(f, 'POST', `/api/v1/testing/people/${f.personId}/collection-code`, {})),
  'GET /api/v1/testing/summary': async (f) => {
    const mine = (await f.app.inject({ url: '/api/v1/testing/summary', headers: { cookie: f.outsider } })).json();
    expect(mine.coverage.map((c: { code: string }) => c.code)).toEqual(['630106102']);
    // A sampler has no command view.
    refused(await status(f, 'GET', '/api/v1/testing/summary', undefined, await signedIn(f.app, 'sampler')));
  },
};
