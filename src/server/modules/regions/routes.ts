import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import { RegionCode } from '../../../shared/contracts/common.js';
import { RegionDetail, RegionView } from '../../../shared/contracts/regions.js';
import { regionChildren, regionDetail, scopeRoots } from './service.js';

export function regionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const db = ctx.handle.db;
    const params = z.object({ code: RegionCode });

    app.get('/api/v1/regions', {
      schema: { tags: ['regions'], summary: 'The regions at the top of my scope', response: { 200: z.array(RegionView) } },
    }, async (req) => scopeRoots(db, actorOf(req)));

    app.get('/api/v1/regions/:code', {
      schema: { tags: ['regions'], summary: 'One region with its trail from the district', params,
        response: { 200: RegionDetail } },
    }, async (req) => regionDetail(db, actorOf(req), req.params.code));

    app.get('/api/v1/regions/:code/children', {
      schema: { tags: ['regions'], summary: 'Children of a region, with counts', params,
        response: { 200: z.array(RegionView) } },
    }, async (req) => regionChildren(db, actorOf(req), req.params.code));
  };
}
