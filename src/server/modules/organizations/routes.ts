import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import { NewOrganization, OrganizationPage, OrganizationQuery, OrganizationView } from '../../../shared/organizations.js';
import { getOrganization, registerOrganization, searchOrganizations } from './service.js';

export function organizationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/organizations', {
      schema: { tags: ['organizations'], summary: 'Units in my scope (and the district-wide ones)', querystring: OrganizationQuery,
        response: { 200: OrganizationPage } },
    }, async (req) => searchOrganizations(ctx, actorOf(req), req.query));

    app.get('/api/v1/organizations/:id', {
      schema: { tags: ['organizations'], params: z.object({ id: z.string().max(40) }), response: { 200: OrganizationView } },
    }, async (req) => getOrganization(ctx, actorOf(req), req.params.id));

    app.post('/api/v1/organizations', {
      schema: { tags: ['organizations'], summary: 'Register a unit', body: NewOrganization, response: { 201: OrganizationView } },
    }, async (req, reply) => reply.status(201).send(await registerOrganization(ctx, actorOf(req), req.body)));
  };
}
