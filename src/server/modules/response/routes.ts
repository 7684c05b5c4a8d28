import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import { ResponseView, StartResponse } from '../../../shared/response.js';
import { RuleSet } from '../../../shared/rule-sets.js';
import { addRuleSet, listRuleSets } from './rule-sets.js';
import { currentResponse, setResponseMode, startResponse } from './service.js';

export function responseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const db = ctx.handle.db;
    app.get('/api/v1/response', {
      schema: { tags: ['response'], summary: 'The response in force', response: { 200: ResponseView.nullable() } },
    }, async (req) => currentResponse(db, actorOf(req)));

    app.post('/api/v1/response', {
      schema: { tags: ['response'], summary: 'Declare a response (ends the one in force)', body: StartResponse,
        response: { 201: ResponseView } },
    }, async (req, reply) => reply.status(201).send(await startResponse(db, actorOf(req), req.body)));

    app.post('/api/v1/response/mode', {
      schema: { tags: ['response'], summary: 'Switch between emergency and routine mode',
        body: z.object({ mode: z.enum(['emergency', 'routine']), reason: z.string().trim().min(2).max(200) }),
        response: { 200: ResponseView } },
    }, async (req) => setResponseMode(db, actorOf(req), req.body.mode, req.body.reason));

    app.get('/api/v1/response/rule-sets', {
      schema: { tags: ['response'], summary: 'The prevention plans: categories with their phases and tests, zone levels and downgrades',
        response: { 200: z.array(RuleSet) } },
    }, async (req) => listRuleSets(db, actorOf(req)));

    app.post('/api/v1/response/rule-sets', {
      schema: { tags: ['response'], summary: 'Add a prevention plan published from above (its dates may not overlap another plan\'s)',
        body: RuleSet, response: { 201: RuleSet } },
    }, async (req, reply) => reply.status(201).send(await addRuleSet(db, actorOf(req), req.body)));
  };
}
