import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import {
  CreatedLabToken, LabResultBatch, LabTokenView, NewLabToken, ResultCorrection, ResultOutcome, TubeResults,
} from '../../../../shared/contracts/testing/results.js';
import { createLabToken, labForToken, labOf, listLabTokens, revokeLabToken } from '../service/lab-tokens.js';
import { correctResult, startResultsUpload, submitLabBatch, tubeResults } from '../service/results.js';

/** Lab results: uploads by lab users, batches from lab systems by token, corrections, lab tokens. */
export function resultRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };
    const labOfRequest = new WeakMap<FastifyRequest, Awaited<ReturnType<typeof labForToken>>>();

    app.post('/api/v1/testing/lab/results', {
      // No session: the lab's system authenticates with its token, checked before the body is parsed.
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      bodyLimit: 8 * 1024 * 1024,
      onRequest: async (req) => {
        labOfRequest.set(req, await labForToken(ctx, req.headers.authorization));
      },
      schema: { ...tag, summary: "A lab system's batch of results (Authorization: Bearer <lab token>); all or nothing, idempotent",
        body: LabResultBatch, response: { 200: ResultOutcome } },
    }, async (req) => {
      const lab = labOfRequest.get(req);
      if (!lab) throw new AppError('LAB_TOKEN_INVALID');
      return submitLabBatch(ctx, lab, req.ip, req.body.results, requestLocale(req));
    });

    app.post('/api/v1/testing/results/upload', {
      schema: { ...tag, summary: 'Upload a results sheet (.xlsx or .csv, field "file"); runs as a job, all or nothing',
        consumes: ['multipart/form-data'], response: { 202: z.object({ jobId: z.string() }) } },
    }, async (req, reply) => {
      const actor = actorOf(req);
      await labOf(ctx, actor);
      const upload = await req.file();
      if (!upload) throw new AppError('FILE_NOT_SPREADSHEET');
      const started = await startResultsUpload(ctx, actor, { stream: upload.file, filename: upload.filename, locale: requestLocale(req) });
      return reply.status(202).send(started);
    });

    app.get('/api/v1/testing/results', {
      schema: { ...tag, summary: "A tube's result and every result reported for it (its lab, or the testing workstream)",
        querystring: z.object({ barcode: z.string().min(1).max(64) }), response: { 200: TubeResults } },
    }, async (req) => tubeResults(ctx, actorOf(req), req.query.barcode));

    app.post('/api/v1/testing/results/corrections', {
      schema: { ...tag, summary: 'Correct a tube\'s result, with a reason (audited; the old result is kept as superseded)',
        body: ResultCorrection, response: { 200: TubeResults } },
    }, async (req) => correctResult(ctx, actorOf(req), req.body));

    app.get('/api/v1/testing/lab-tokens', {
      schema: { ...tag, summary: 'API tokens of the labs (never the tokens themselves)',
        querystring: z.object({ labId: z.string().max(40).optional() }), response: { 200: z.array(LabTokenView) } },
    }, async (req) => listLabTokens(ctx, actorOf(req), req.query.labId));

    app.post('/api/v1/testing/lab-tokens', {
      schema: { ...tag, summary: "Make a lab's API token; the token is shown in this answer only", body: NewLabToken,
        response: { 201: CreatedLabToken } },
    }, async (req, reply) => reply.status(201).send(await createLabToken(ctx, actorOf(req), req.body)));

    app.post('/api/v1/testing/lab-tokens/:id/revoke', {
      schema: { ...tag, summary: 'Revoke a lab token at once', params: z.object({ id: z.string().min(1).max(40) }),
        response: { 200: LabTokenView } },
    }, async (req) => revokeLabToken(ctx, actorOf(req), req.params.id));
  };
}
