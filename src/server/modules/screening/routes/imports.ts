import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import {
  ResolveUnmatched, UnmatchedPage, UnmatchedQuery, UnmatchedView, XiechaImportView, XiechaUploadQuery,
} from '../../../../shared/contracts/screening/imports.js';
import { getImport, listImports, listUnmatched, resolveUnmatched, startXiechaImport } from '../service/imports.js';

/** A form field of a multipart upload, when sent (before the file). */
function fieldOf(fields: Record<string, unknown>, name: string): string | undefined {
  const f = fields[name] as { value?: unknown } | undefined;
  return typeof f?.value === 'string' && f.value.trim() !== '' ? f.value : undefined;
}

/** 协查 lists: upload (a job), the imports, the people to find. */
export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['screening'] };
    const idParams = z.object({ id: z.string().min(1).max(40) });

    app.post('/api/v1/screening/imports', {
      schema: { ...tag, summary: 'Import a 协查 list (.xlsx or .csv, field "file"; category and source as query or form fields); a job, all or nothing',
        consumes: ['multipart/form-data'], querystring: XiechaUploadQuery, response: { 202: z.object({ jobId: z.string() }) } },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const upload = await req.file();
      if (!upload) throw new AppError('FILE_NOT_SPREADSHEET');
      const form = XiechaUploadQuery.safeParse({ category: fieldOf(upload.fields, 'category'), source: fieldOf(upload.fields, 'source') });
      if (!form.success) throw new AppError('XIECHA_CATEGORY_UNKNOWN', { value: fieldOf(upload.fields, 'category') ?? '' });
      const started = await startXiechaImport(ctx, actor, { stream: upload.file, filename: upload.filename, locale: requestLocale(req),
        category: req.query.category ?? form.data.category, source: req.query.source ?? form.data.source });
      return reply.status(202).send(started);
    });

    app.get('/api/v1/screening/imports', {
      schema: { ...tag, summary: '协查 lists imported in my regions', response: { 200: z.array(XiechaImportView) } },
    }, async (req) => listImports(ctx, actorOf(req)));

    app.get('/api/v1/screening/imports/:id', {
      schema: { ...tag, summary: 'One 协查 import and its figures', params: idParams, response: { 200: XiechaImportView } },
    }, async (req) => getImport(ctx, actorOf(req), req.params.id));

    app.get('/api/v1/screening/imports/:id/unmatched', {
      schema: { ...tag, summary: 'Listed people not in the ledger (masked): the list to find', params: idParams, querystring: UnmatchedQuery,
        response: { 200: UnmatchedPage } },
    }, async (req) => listUnmatched(ctx, actorOf(req), req.params.id, req.query));

    app.post('/api/v1/screening/unmatched/:id/resolve', {
      schema: { ...tag, summary: 'A listed person found (linked to the ledger: an episode opens) or not here', params: idParams,
        body: ResolveUnmatched, response: { 200: UnmatchedView } },
    }, async (req) => resolveUnmatched(ctx, actorOf(req), req.params.id, req.body));
  };
}
