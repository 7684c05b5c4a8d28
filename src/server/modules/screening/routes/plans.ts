import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import { ManagementPlan, PlanPreviewRequest } from '../../../../shared/screening.js';
import { previewPlan } from '../service/plans.js';

/** The rules engine's answer before anything is saved. */
export function planRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/screening/plan-preview', {
      schema: { tags: ['screening'], summary: "A category's management plan from an anchor date: phases, their dates and test dates",
        body: PlanPreviewRequest, response: { 200: ManagementPlan } },
    }, async (req) => previewPlan(ctx.handle.db, actorOf(req), req.body, requestLocale(req)));
  };
}
