import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import {
  CloseEpisode, EpisodeDetail, EpisodePage, EpisodeParams, EpisodeQuery, ManualTestResult, NewEpisode, NewHealthCheck, SetTeamMember,
} from '../../../../shared/contracts/screening/episodes.js';
import {
  closeEpisode, confirmRelease, createEpisode, getEpisode, listEpisodes, recordHealthCheck, recordTestResult, setTeamMember,
} from '../service/episodes-ledger.js';

/** Managed people (管控人员): the ledger, one episode's detail, its team, health checks, test results and release. */
export function episodeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['screening'] };
    const detail = { 200: EpisodeDetail };

    app.post('/api/v1/screening/episodes', {
      schema: { ...tag, summary: 'Put a person under management (by ledger id or ID number); merged into an open episode of the same category',
        body: NewEpisode, response: detail },
    }, async (req) => createEpisode(ctx, actorOf(req), req.body, requestLocale(req)));

    app.get('/api/v1/screening/episodes', {
      schema: { ...tag, summary: 'Managed people in my regions (masked), filtered and paged', querystring: EpisodeQuery,
        response: { 200: EpisodePage } },
    }, async (req) => listEpisodes(ctx, actorOf(req), req.query));

    app.get('/api/v1/screening/episodes/:id', {
      schema: { ...tag, summary: 'One managed person: plan, tests, 五包一 team, health checks, placement, history; audited',
        params: EpisodeParams, response: detail },
    }, async (req) => getEpisode(ctx, actorOf(req), req.params.id, requestLocale(req)));

    app.post('/api/v1/screening/episodes/:id/team', {
      schema: { ...tag, summary: 'Set one member of the 五包一 team', params: EpisodeParams, body: SetTeamMember, response: detail },
    }, async (req) => setTeamMember(ctx, actorOf(req), req.params.id, req.body, requestLocale(req)));

    app.post('/api/v1/screening/episodes/:id/health-checks', {
      schema: { ...tag, summary: 'A morning or evening health check (symptoms or ≥ 37.3 °C open a task for the community)',
        params: EpisodeParams, body: NewHealthCheck, response: detail },
    }, async (req) => recordHealthCheck(ctx, actorOf(req), req.params.id, req.body, requestLocale(req)));

    app.post('/api/v1/screening/episodes/:id/tests/:testId/result', {
      schema: { ...tag, summary: "A scheduled test's result copied from a report (audited)",
        params: EpisodeParams.extend({ testId: z.string().min(1).max(40) }), body: ManualTestResult, response: detail },
    }, async (req) => recordTestResult(ctx, actorOf(req), req.params.id, req.params.testId, req.body, requestLocale(req)));

    app.post('/api/v1/screening/episodes/:id/release', {
      schema: { ...tag, summary: 'Confirm the release (every test negative, the last day reached); ends the isolation placement',
        params: EpisodeParams, response: detail },
    }, async (req) => confirmRelease(ctx, actorOf(req), req.params.id, requestLocale(req)));

    app.post('/api/v1/screening/episodes/:id/close', {
      schema: { ...tag, summary: 'Close an episode with a reason', params: EpisodeParams, body: CloseEpisode, response: detail },
    }, async (req) => closeEpisode(ctx, actorOf(req), req.params.id, req.body, requestLocale(req)));
  };
}
