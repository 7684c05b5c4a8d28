import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import { CollectionCodeView, ResidentLookup, ResidentResults } from '../../../../shared/contracts/testing/residents.js';
import { issueCollectionCode, lookupResults } from '../service/residents.js';

/** Lookups a minute from one address on the public residents' page. */
export const RESIDENT_LOOKUPS_PER_MINUTE = 5;

/** The residents' page (public, rate-limited) and the cadres' printing of collection codes. */
export function residentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };

    app.post('/api/v1/testing/residents/lookup', {
      config: { public: true, rateLimit: { max: RESIDENT_LOOKUPS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { ...tag, summary: 'Residents: my latest results and my collection code, by ID number and the last 4 phone digits',
        body: ResidentLookup, response: { 200: ResidentResults } },
    }, async (req) => lookupResults(ctx, { ip: req.ip }, req.body, requestLocale(req)));

    app.post('/api/v1/testing/people/:id/collection-code', {
      schema: { ...tag, summary: 'Issue or reprint a resident\'s collection code (采集码), audited',
        params: z.object({ id: z.string().min(1).max(40) }), response: { 200: CollectionCodeView } },
    }, async (req) => issueCollectionCode(ctx, actorOf(req), req.params.id));
  };
}
