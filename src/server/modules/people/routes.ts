import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { RegionCode } from '../../../shared/contracts/common.js';
import {
  NewPerson, PeoplePage, PeopleQuery, PersonView, UnmaskRequest, UnmaskResult,
} from '../../../shared/contracts/people.js';
import { createPerson, getPerson, searchPeople, unmaskPerson } from './service.js';
import { saveUpload, startPeopleJob } from './jobs.js';
import { importTemplate } from './import.js';
import { AppError } from '../../platform/errors.js';
import { actorOf, requestLocale } from '../../platform/http.js';

export function peopleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const params = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/people', {
      schema: { tags: ['people'], summary: 'Search the residents ledger (masked), paginated', querystring: PeopleQuery,
        response: { 200: PeoplePage } },
    }, async (req) => searchPeople(ctx, actorOf(req), req.query));

    app.post('/api/v1/people', {
      schema: { tags: ['people'], summary: 'Register one resident', body: NewPerson, response: { 201: PersonView } },
    }, async (req, reply) => reply.status(201).send(await createPerson(ctx, actorOf(req), req.body)));

    app.get('/api/v1/people/:id', {
      schema: { tags: ['people'], summary: 'One resident (masked)', params, response: { 200: PersonView } },
    }, async (req) => getPerson(ctx, actorOf(req), req.params.id));

    const JobStarted = z.object({ jobId: z.string() });

    app.post('/api/v1/people/import', {
      schema: { tags: ['people'], summary: 'Import residents from an .xlsx or .csv upload (field "file"); all or nothing',
        consumes: ['multipart/form-data'], response: { 202: JobStarted } },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const upload = await req.file();
      if (!upload) throw new AppError('FILE_NOT_SPREADSHEET');
      const file = await saveUpload(ctx, upload.file, upload.filename);
      const started = await startPeopleJob(ctx, actor, 'people.import', { file, filename: upload.filename, locale: requestLocale(req) });
      return reply.status(202).send(started);
    });

    app.get('/api/v1/people/import-template', {
      schema: { tags: ['people'], summary: 'An empty residents sheet with the expected headers' },
    }, async (req, reply) => {
      actorOf(req);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('人员台账导入模板.xlsx')}`)
        .send(await importTemplate());
    });

    app.post('/api/v1/people/export', {
      schema: { tags: ['people'], summary: 'Export residents under a region to .xlsx (audited; masked unless revealed with a reason)',
        body: z.object({ region: RegionCode.optional(), reveal: z.boolean().default(false),
          reason: z.string().trim().max(200).optional() }),
        response: { 202: JobStarted } },
    }, async (req, reply) =>
      reply.status(202).send(await startPeopleJob(ctx, actorOf(req), 'people.export', { ...req.body, locale: requestLocale(req) })));

    app.post('/api/v1/people/:id/unmask', {
      schema: { tags: ['people'], summary: 'Show identifiers in clear, with a reason (audited)', params,
        body: UnmaskRequest, response: { 200: UnmaskResult } },
    }, async (req) => unmaskPerson(ctx, actorOf(req), req.params.id, req.body));
  };
}
