import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { pageOf, RegionCode } from '../../../../shared/contracts/common.js';
import {
  IsolationSitePatch, NewIsolationSite, NewPlacement, NewRooms, PlacementHistory, PlacementQuery, PlacementView, Release, RoomPatch,
  SiteDetail, SitesPage, Transfer,
} from '../../../../shared/contracts/isolation/sites.js';
import { addRooms, changeRoom, changeSite, createSite, getSite, listSites } from '../service/sites.js';
import { listPlacements, placementHistory, placePerson, releasePlacement, transferPlacement } from '../service/placements.js';
import { placementViews } from '../service/views.js';
import { findPlacement } from '../store/sites.js';

/** Isolation sites, their rooms, and the placements of people in them. */
export function siteRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tag = { tags: ['isolation'] };
    const params = z.object({ id: z.string().min(1).max(40) });

    app.get('/api/v1/isolation/sites', {
      schema: { ...tag, summary: 'Isolation sites in my regions with beds, occupancy and the 14-day forecast of free beds',
        querystring: z.object({ region: RegionCode.optional() }), response: { 200: SitesPage } },
    }, async (req) => listSites(ctx, actorOf(req), req.query.region));

    app.post('/api/v1/isolation/sites', {
      schema: { ...tag, summary: 'Open an isolation site (hotel, facility, makeshift or designated hospital)', body: NewIsolationSite,
        response: { 201: SiteDetail } },
    }, async (req, reply) => reply.status(201).send(await createSite(ctx, actorOf(req), req.body)));

    app.get('/api/v1/isolation/sites/:id', {
      schema: { ...tag, summary: 'A site with its rooms, free and occupied beds (people of my regions, masked); audited', params,
        response: { 200: SiteDetail } },
    }, async (req) => getSite(ctx, actorOf(req), req.params.id));

    app.patch('/api/v1/isolation/sites/:id', {
      schema: { ...tag, summary: 'Change a site (closing needs it empty)', params, body: IsolationSitePatch, response: { 200: SiteDetail } },
    }, async (req) => changeSite(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/isolation/sites/:id/rooms', {
      schema: { ...tag, summary: 'Add a run of rooms ("301–330, 1 bed each"), all or none', params, body: NewRooms,
        response: { 201: z.object({ added: z.number().int() }) } },
    }, async (req, reply) => reply.status(201).send(await addRooms(ctx, actorOf(req), req.params.id, req.body)));

    app.patch('/api/v1/isolation/rooms/:id', {
      schema: { ...tag, summary: 'Change a room\'s beds or close it (never below the people in it)', params, body: RoomPatch,
        response: { 200: SiteDetail } },
    }, async (req) => changeRoom(ctx, actorOf(req), req.params.id, req.body));

    app.get('/api/v1/isolation/placements', {
      schema: { ...tag, summary: 'Placements of people in my regions (masked); audited', querystring: PlacementQuery,
        response: { 200: pageOf(PlacementView) } },
    }, async (req) => listPlacements(ctx, actorOf(req), req.query));

    app.post('/api/v1/isolation/placements', {
      schema: { ...tag, summary: 'Place a person into a site (and room); a full site or room is refused (409) with nothing written',
        body: NewPlacement, response: { 201: PlacementView } },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const { placementId } = await placePerson(ctx.handle.db, actor, {
        personId: req.body.personId, episodeId: req.body.episodeId ?? null, siteId: req.body.siteId, roomId: req.body.roomId ?? null,
        expectedReleaseOn: req.body.expectedReleaseOn ?? null, note: req.body.note ?? null,
      });
      const [view] = await placementViews(ctx.handle.db, ctx.pii, actor, [(await findPlacement(ctx.handle.db, placementId))!]);
      return reply.status(201).send(view);
    });

    app.post('/api/v1/isolation/placements/:id/transfer', {
      schema: { ...tag, summary: 'Transfer a person to another site or room (the stay so far is kept as transferred)', params, body: Transfer,
        response: { 200: PlacementView } },
    }, async (req) => transferPlacement(ctx, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/isolation/placements/:id/release', {
      schema: { ...tag, summary: 'End a stay: released, escalated to hospital, or closed', params, body: Release, response: { 200: PlacementView } },
    }, async (req) => releasePlacement(ctx, actorOf(req), req.params.id, req.body));

    app.get('/api/v1/isolation/people/:id/placements', {
      schema: { ...tag, summary: 'A person\'s stays in order (placements, transfers, releases); audited', params,
        response: { 200: PlacementHistory } },
    }, async (req) => placementHistory(ctx, actorOf(req), req.params.id));
  };
}
