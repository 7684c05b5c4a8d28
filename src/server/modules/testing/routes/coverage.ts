import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import { Ok } from '../../../../shared/contracts/common.js';
import {
  CoverageQuery, CoverageReport, ExemptionPage, ExemptionQuery, ExemptionView, FollowupView, IssueMissingTasks,
  IssuedMissingTasks, MissingExportQuery, MissingPage, MissingQuery, NewExemption, NewFollowup, RemoveExemption,
  ResolveUnregistered, UnregisteredPage, UnregisteredQuery, UnregisteredView,
} from '../../../../shared/contracts/testing/coverage.js';
import { createExemption, listExemptions, removeExemption } from '../service/exemptions.js';
import {
  exportMissing, getCoverage, issueMissingTasks, listMissing, listUnregistered, recordFollowup, resolveUnregistered,
  startReconcileJob,
} from '../service/coverage.js';

/** 应检尽检: exemptions, coverage by region, missing lists (+ xlsx, + tasks), follow-ups, unregistered people, reconciliation. */
export function coverageRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };
    const idParams = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/testing/rounds/:id/exemptions', {
      schema: { ...tag, summary: 'People exempted from a round in my regions (masked)', params: idParams, querystring: ExemptionQuery,
        response: { 200: ExemptionPage } },
    }, async (req) => listExemptions(ctx, actorOf(req), req.params.id, req.query));

    app.post('/api/v1/testing/rounds/:id/exemptions', {
      schema: { ...tag, summary: 'Exempt a person from a round, with a reason code (lowers the expected count)', params: idParams,
        body: NewExemption, response: { 201: ExemptionView } },
    }, async (req, reply) => reply.status(201).send(await createExemption(ctx, actorOf(req), req.params.id, req.body)));

    app.post('/api/v1/testing/exemptions/:id/remove', {
      schema: { ...tag, summary: 'Take an exemption back, with a reason (audited)', params: idParams, body: RemoveExemption,
        response: { 200: Ok } },
    }, async (req) => {
      await removeExemption(ctx, actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    });

    app.get('/api/v1/testing/rounds/:id/coverage', {
      schema: { ...tag, summary: 'Coverage (应检尽检) of a region and the regions below it, from the live counters',
        params: idParams, querystring: CoverageQuery, response: { 200: CoverageReport } },
    }, async (req) => getCoverage(ctx, actorOf(req), req.params.id, req.query.region));

    app.get('/api/v1/testing/rounds/:id/missing', {
      schema: { ...tag, summary: 'Residents of a community, grid or building not yet tested nor exempt (masked), paginated',
        params: idParams, querystring: MissingQuery, response: { 200: MissingPage } },
    }, async (req) => listMissing(ctx, actorOf(req), req.params.id, req.query));

    app.get('/api/v1/testing/rounds/:id/missing/export', {
      schema: { ...tag, summary: 'The missing list as .xlsx for door-knocking (masked, watermarked, audited)', params: idParams,
        querystring: MissingExportQuery },
    }, async (req, reply) => {
      const out = await exportMissing(ctx, actorOf(req), req.params.id, req.query.region);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.filename)}`)
        .send(out.bytes);
    });

    app.post('/api/v1/testing/rounds/:id/missing/tasks', {
      schema: { ...tag, summary: 'Hand out the missing lists: one task per grid with people missing, due at the round\'s end',
        params: idParams, body: IssueMissingTasks, response: { 201: IssuedMissingTasks } },
    }, async (req, reply) => reply.status(201).send(await issueMissingTasks(ctx, actorOf(req), req.params.id, req.body)));

    app.post('/api/v1/testing/rounds/:id/followups', {
      schema: { ...tag, summary: 'Record what door-knocking found for a missing resident (a refusal is escalated)', params: idParams,
        body: NewFollowup, response: { 201: FollowupView } },
    }, async (req, reply) => reply.status(201).send(await recordFollowup(ctx, actorOf(req), req.params.id, req.body)));

    app.get('/api/v1/testing/rounds/:id/unregistered', {
      schema: { ...tag, summary: 'People sampled in a round who are not in the ledger, by region', params: idParams,
        querystring: UnregisteredQuery, response: { 200: UnregisteredPage } },
    }, async (req) => listUnregistered(ctx, actorOf(req), req.params.id, req.query));

    app.post('/api/v1/testing/unregistered/:id/resolve', {
      schema: { ...tag, summary: 'Link an unregistered person to their ledger entry, or dismiss the record', params: idParams,
        body: ResolveUnregistered, response: { 200: UnregisteredView } },
    }, async (req) => resolveUnregistered(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/testing/rounds/:id/reconcile', {
      schema: { ...tag, summary: 'Recount a round\'s coverage counters from the source rows and correct drift (a job)', params: idParams,
        response: { 202: z.object({ jobId: z.string() }) } },
    }, async (req, reply) => reply.status(202).send(await startReconcileJob(ctx, actorOf(req), req.params.id, requestLocale(req))));
  };
}
