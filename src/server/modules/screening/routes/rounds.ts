import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import {
  CompletionQuery, CompletionReport, NewScreeningRound, NewVisit, ScreeningRoundView, VisitQuery, VisitView,
} from '../../../../shared/contracts/screening/rounds.js';
import { closeRound, createRound, getRound, listRounds, roundCompletion } from '../service/rounds.js';
import { listVisits, recordVisit } from '../service/visits.js';

/** Screening rounds (排查轮次), their completion, and door-to-door visits. */
export function roundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['screening'] };
    const idParams = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/screening/rounds', {
      schema: { ...tag, summary: 'Screening rounds that touch my regions', response: { 200: z.array(ScreeningRoundView) } },
    }, async (req) => listRounds(ctx, actorOf(req)));

    app.post('/api/v1/screening/rounds', {
      schema: { ...tag, summary: 'Declare a screening round over regions and a window of dates (headquarters)', body: NewScreeningRound,
        response: { 201: ScreeningRoundView } },
    }, async (req, reply) => reply.status(201).send(await createRound(ctx, actorOf(req), req.body)));

    app.get('/api/v1/screening/rounds/:id', {
      schema: { ...tag, summary: 'One screening round', params: idParams, response: { 200: ScreeningRoundView } },
    }, async (req) => getRound(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/screening/rounds/:id/close', {
      schema: { ...tag, summary: 'Close a screening round (no more visits)', params: idParams, response: { 200: ScreeningRoundView } },
    }, async (req) => closeRound(ctx, actorOf(req), req.params.id));

    app.get('/api/v1/screening/rounds/:id/completion', {
      schema: { ...tag, summary: "A round's completion in a region and the regions below it (households visited, by outcome, day/night)",
        params: idParams, querystring: CompletionQuery, response: { 200: CompletionReport } },
    }, async (req) => roundCompletion(ctx, actorOf(req), req.params.id, req.query.region));

    app.get('/api/v1/screening/rounds/:id/visits', {
      schema: { ...tag, summary: "A round's visits in a region, newest first (addresses, no names)", params: idParams,
        querystring: VisitQuery, response: { 200: z.array(VisitView) } },
    }, async (req) => listVisits(ctx, actorOf(req), req.params.id, req.query.region));

    app.post('/api/v1/screening/visits', {
      schema: { ...tag, summary: 'Record a door-to-door visit (idempotent by its client id; 201 new, 200 already recorded)', body: NewVisit,
        response: { 200: VisitView, 201: VisitView } },
    }, async (req, reply) => {
      const { view, created } = await recordVisit(ctx, actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(view);
    });
  };
}
