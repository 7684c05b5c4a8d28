import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import {
  NewPerson, PeoplePage, PeopleQuery, PersonView, UnmaskRequest, UnmaskResult,
} from '../../../shared/contracts/people.js';
import { createPerson, getPerson, searchPeople, unmaskPerson } from './service.js';

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

    app.post('/api/v1/people/:id/unmask', {
      schema: { tags: ['people'], summary: 'Show identifiers in clear, with a reason (audited)', params,
        body: UnmaskRequest, response: { 200: UnmaskResult } },
    }, async (req) => unmaskPerson(ctx, actorOf(req), req.params.id, req.body));
  };
}
