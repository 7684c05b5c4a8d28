import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import {
  AssignSampler, NewRound, SamplerCandidate, SamplerQuery, NewSite, PlanQuery, RoundPlan, RoundStatusChange, RoundView, SitePatch, SiteQuery, SiteView,
} from '../../../../shared/contracts/testing/rounds.js';
import { changeRoundStatus, createRound, getRound, listRounds, planRound } from '../service/rounds.js';
import { assignSampler, changeSite, createSite, listSites, samplersFor, unassignSampler } from '../service/sites.js';

export function roundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['testing'] };
    const idParams = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/testing/rounds', {
      schema: { ...tag, summary: 'Testing rounds that touch my regions', response: { 200: z.array(RoundView) } },
    }, async (req) => listRounds(ctx, actorOf(req)));

    app.post('/api/v1/testing/rounds', {
      schema: { ...tag, summary: 'Declare a testing round over regions', body: NewRound, response: { 201: RoundView } },
    }, async (req, reply) => reply.status(201).send(await createRound(ctx, actorOf(req), req.body)));

    app.get('/api/v1/testing/rounds/:id', {
      schema: { ...tag, summary: 'One round', params: idParams, response: { 200: RoundView } },
    }, async (req) => getRound(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/testing/rounds/:id/status', {
      schema: { ...tag, summary: 'Open or close a round', params: idParams, body: RoundStatusChange, response: { 200: RoundView } },
    }, async (req) => changeRoundStatus(ctx, actorOf(req), req.params.id, req.body.to));

    app.get('/api/v1/testing/plan', {
      schema: { ...tag, summary: 'Sites and samplers a scope needs (one site per 2,000–3,000 people; population ÷ 360 samplers a day)',
        querystring: PlanQuery, response: { 200: RoundPlan } },
    }, async (req) => planRound(ctx, actorOf(req), req.query.regions.split(',').map((c) => c.trim()).filter(Boolean), req.query.hours));

    app.get('/api/v1/testing/sites', {
      schema: { ...tag, summary: 'Sampling sites in my regions', querystring: SiteQuery, response: { 200: z.array(SiteView) } },
    }, async (req) => listSites(ctx, actorOf(req), req.query.region));

    app.post('/api/v1/testing/sites', {
      schema: { ...tag, summary: 'Set up a sampling site', body: NewSite, response: { 201: SiteView } },
    }, async (req, reply) => reply.status(201).send(await createSite(ctx, actorOf(req), req.body)));

    app.patch('/api/v1/testing/sites/:id', {
      schema: { ...tag, summary: 'Change a sampling site (hours, tables, zone level, closing)', params: idParams, body: SitePatch,
        response: { 200: SiteView } },
    }, async (req) => changeSite(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/testing/sites/:id/samplers', {
      schema: { ...tag, summary: 'Assign a sampler to a site', params: idParams, body: AssignSampler, response: { 200: SiteView } },
    }, async (req) => assignSampler(ctx, actorOf(req), req.params.id, req.body.userId));

    app.get('/api/v1/testing/samplers', {
      schema: { ...tag, summary: 'Sampler accounts that may work at a site in a region', querystring: SamplerQuery,
        response: { 200: z.array(SamplerCandidate) } },
    }, async (req) => samplersFor(ctx, actorOf(req), req.query.region));

    app.delete('/api/v1/testing/sites/:id/samplers/:userId', {
      schema: { ...tag, summary: 'Take a sampler off a site', params: z.object({ id: z.string().min(1).max(40), userId: z.string().min(1).max(40) }),
        response: { 200: SiteView } },
    }, async (req) => unassignSampler(ctx, actorOf(req), req.params.id, req.params.userId));
  };
}
