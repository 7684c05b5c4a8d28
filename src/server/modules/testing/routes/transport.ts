import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { pageOf } from '../../../../shared/contracts/common.js';
import { BagDetail, BagQuery, BagView, HandOverBag, PackBag, ReceiveBag } from '../../../../shared/contracts/testing/transport.js';
import { getBag, handOverBag, listBags, packBag, receiveBag } from '../service/transport.js';

/** Transport: bags packed at a site, handed to a carrier, received by a lab. */
export function transportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };

    app.get('/api/v1/testing/bags', {
      schema: { ...tag, summary: 'Bags: of my regions, my sites (sampler) or addressed to my lab', querystring: BagQuery,
        response: { 200: pageOf(BagView) } },
    }, async (req) => listBags(ctx, actorOf(req), req.query));

    app.get('/api/v1/testing/bags/:id', {
      schema: { ...tag, summary: 'A bag and its tubes', params: z.object({ id: z.string().min(1).max(40) }), response: { 200: BagDetail } },
    }, async (req) => getBag(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/testing/bags', {
      schema: { ...tag, summary: 'Pack sealed tubes of my site into a bag for a lab (a retry with the same tubes is a no-op)',
        body: PackBag, response: { 201: BagDetail } },
    }, async (req, reply) => reply.status(201).send(await packBag(ctx, actorOf(req), req.body)));

    app.post('/api/v1/testing/bags/handover', {
      schema: { ...tag, summary: "Hand a bag to the carrier; the carrier's count must match (BAG_COUNT_MISMATCH)", body: HandOverBag,
        response: { 200: BagDetail } },
    }, async (req) => handOverBag(ctx, actorOf(req), req.body));

    app.post('/api/v1/testing/bags/receive', {
      schema: { ...tag, summary: "The lab receives a bag with its own count; the tubes become the lab's", body: ReceiveBag,
        response: { 200: BagDetail } },
    }, async (req) => receiveBag(ctx, actorOf(req), req.body));
  };
}
