import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { pageOf } from '../../../../shared/contracts/common.js';
import {
  CloseIncident, IncidentDetail, IncidentQuery, IncidentView, MarkNotified,
} from '../../../../shared/contracts/testing/incidents.js';
import { closeIncident, getIncident, listIncidents, markNotified } from '../service/incidents.js';

/** Positive pools: incidents with their members, SLA clocks and retests. */
export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };
    const params = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/testing/incidents', {
      schema: { ...tag, summary: 'Positive pools with a member in my regions, with their SLA clocks', querystring: IncidentQuery,
        response: { 200: pageOf(IncidentView) } },
    }, async (req) => listIncidents(ctx, actorOf(req), req.query));

    app.get('/api/v1/testing/incidents/:id', {
      schema: { ...tag, summary: 'A positive pool: my members (masked), their addresses and grid workers; audited', params,
        response: { 200: IncidentDetail } },
    }, async (req) => getIncident(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/testing/incidents/:id/notified', {
      schema: { ...tag, summary: 'The members were notified (stops the notify clock)', params, body: MarkNotified,
        response: { 200: IncidentDetail } },
    }, async (req) => markNotified(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/testing/incidents/:id/close', {
      schema: { ...tag, summary: 'Close an incident, with a reason', params, body: CloseIncident, response: { 200: IncidentDetail } },
    }, async (req) => closeIncident(ctx, actorOf(req), req.params.id, req.body));
  };
}
