import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { PlanMove, PlanMoveView, ScreeningSummary } from '../../../../shared/contracts/screening/episodes.js';
import { listPlanMoves, movePlans } from '../service/episode-moves.js';
import { screeningSummary } from '../service/episode-summary.js';

/** The headquarters' side of managed people: plan moves and the command summary. */
export function episodeCommandRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['screening'] };
    app.post('/api/v1/screening/plan-moves', {
      schema: { ...tag, summary: "A headquarters decision moving the open episodes of one plan to another (keeps results)", body: PlanMove,
        response: { 200: PlanMoveView } },
    }, async (req) => movePlans(ctx, actorOf(req), req.body));
    app.get('/api/v1/screening/plan-moves', {
      schema: { ...tag, summary: 'Recorded plan moves, newest first', response: { 200: z.array(PlanMoveView) } },
    }, async (req) => listPlanMoves(ctx, actorOf(req)));
    app.get('/api/v1/screening/summary', {
      schema: { ...tag, summary: 'Managed people by category and place, releases due, isolation occupancy, zones, visits today',
        response: { 200: ScreeningSummary } },
    }, async (req) => screeningSummary(ctx, actorOf(req)));
  };
}
