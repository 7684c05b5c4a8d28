import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { requirePermission } from '../../../platform/access.js';
import {
  ChangeZoneLevel, DailyRunResult, DecideProposal, DesignateZone, NewProposal, PROPOSAL_STATUSES, ProposalView, RestoreRoutine,
  PublishedZone, RestoreRoutineResult, ZoneLevelAnswer, ZoneLevelQuery, ZoneQuery, ZoneView,
} from '../../../../shared/contracts/isolation/zones.js';
import { IsolationSummary } from '../../../../shared/contracts/isolation/summary.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import {
  changeZoneLevel, decideProposal, designateZone, getZone, listProposals, listZones, proposeDowngrade, publishedZones, restoreRoutine,
  runZoneDay, zoneLevelQuery,
} from '../service/zones.js';
import { isolationSummary } from '../service/summary.js';

/** Risk zones, their history and downgrade proposals; 恢复正常秩序; the isolation summary for command. */
export function zoneRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['isolation'] };
    const params = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/isolation/zones', {
      schema: { ...tag, summary: 'Risk zones in my regions, with their history and today\'s downgrade eligibility', querystring: ZoneQuery,
        response: { 200: z.array(ZoneView) } },
    }, async (req) => listZones(ctx, actorOf(req), req.query));

    app.get('/api/v1/isolation/zones/published', {
      schema: { ...tag, summary: 'Every risk zone of my district as announced to the public, in force or lifted (where an arrival came from)',
        response: { 200: z.array(PublishedZone) } },
    }, async (req) => publishedZones(ctx, actorOf(req)));

    app.post('/api/v1/isolation/zones', {
      schema: { ...tag, summary: 'Designate a high, medium or low risk zone by a region or a set of buildings, with its decision number',
        body: DesignateZone, response: { 201: ZoneView } },
    }, async (req, reply) => reply.status(201).send(await designateZone(ctx, actorOf(req), req.body)));

    // Declared before /zones/:id so that the literal path wins.
    app.post('/api/v1/isolation/zones/restore-routine', {
      schema: { ...tag, summary: '恢复正常秩序: lift every zone in one decision and switch the response to routine', body: RestoreRoutine,
        response: { 200: RestoreRoutineResult } },
    }, async (req) => restoreRoutine(ctx, actorOf(req), req.body));

    app.post('/api/v1/isolation/zones/daily-run', {
      schema: { ...tag, summary: 'Run today\'s downgrade computation now (it also runs on a timer)', response: { 200: DailyRunResult } },
    }, async (req) => {
      requirePermission(actorOf(req), 'zones.manage');
      return runZoneDay(ctx.handle.db, todayInChina());
    });

    app.get('/api/v1/isolation/zones/:id', {
      schema: { ...tag, summary: 'A risk zone with its full history', params, response: { 200: ZoneView } },
    }, async (req) => getZone(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/isolation/zones/:id/level', {
      schema: { ...tag, summary: 'Raise a zone\'s level, or lift it (commander)', params, body: ChangeZoneLevel, response: { 200: ZoneView } },
    }, async (req) => changeZoneLevel(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/isolation/zones/:id/proposals', {
      schema: { ...tag, summary: 'Propose a zone\'s downgrade to headquarters', params, body: NewProposal, response: { 201: ProposalView } },
    }, async (req, reply) => reply.status(201).send(await proposeDowngrade(ctx, actorOf(req), req.params.id, req.body)));

    app.get('/api/v1/isolation/proposals', {
      schema: { ...tag, summary: 'Downgrade proposals in my regions', querystring: z.object({ status: z.enum(PROPOSAL_STATUSES).optional() }),
        response: { 200: z.array(ProposalView) } },
    }, async (req) => listProposals(ctx, actorOf(req), req.query.status));

    app.post('/api/v1/isolation/proposals/:id/approve', {
      schema: { ...tag, summary: 'Approve a downgrade (commander, decision number); refused before the zone is eligible', params,
        body: DecideProposal, response: { 200: ProposalView } },
    }, async (req) => decideProposal(ctx, actorOf(req), req.params.id, 'approve', req.body));

    app.post('/api/v1/isolation/proposals/:id/reject', {
      schema: { ...tag, summary: 'Reject a downgrade proposal, with a reason', params, body: DecideProposal, response: { 200: ProposalView } },
    }, async (req) => decideProposal(ctx, actorOf(req), req.params.id, 'reject', req.body));

    app.get('/api/v1/isolation/zone-level', {
      schema: { ...tag, summary: 'The risk level of a place on a date, from the zones\' history (a traveller\'s category)',
        querystring: ZoneLevelQuery, response: { 200: ZoneLevelAnswer } },
    }, async (req) => zoneLevelQuery(ctx, actorOf(req), req.query.region, req.query.date));

    app.get('/api/v1/isolation/summary', {
      schema: { ...tag, summary: 'Isolation figures for command: beds, occupancy, releases due, zones by level', response: { 200: IsolationSummary } },
    }, async (req) => isolationSummary(ctx.handle.db, actorOf(req)));
  };
}
