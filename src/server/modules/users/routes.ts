import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import { Ok } from '../../../shared/contracts/common.js';
import { NewUser, ResetPassword, UpdateUser, UserView } from '../../../shared/contracts/users.js';
import { addUser, changeUser, listUsers, resetPassword } from './service.js';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const db = ctx.handle.db;
    const params = z.object({ id: z.string().max(40) });

    app.get('/api/v1/users', {
      schema: { tags: ['users'], summary: 'Accounts', querystring: z.object({ search: z.string().max(40).optional() }),
        response: { 200: z.array(UserView) } },
    }, async (req) => listUsers(db, actorOf(req), req.query.search));

    app.post('/api/v1/users', {
      schema: { tags: ['users'], summary: 'Create an account with role and region scopes', body: NewUser,
        response: { 201: UserView } },
    }, async (req, reply) => reply.status(201).send(await addUser(db, actorOf(req), req.body)));

    app.patch('/api/v1/users/:id', {
      schema: { tags: ['users'], summary: 'Change role, scopes, status or name', params, body: UpdateUser,
        response: { 200: UserView } },
    }, async (req) => changeUser(db, actorOf(req), req.params.id, req.body));

    app.post('/api/v1/users/:id/password', {
      schema: { tags: ['users'], summary: 'Reset a password (ends the user\'s sessions)', params, body: ResetPassword,
        response: { 200: Ok } },
    }, async (req) => {
      await resetPassword(db, actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    });
  };
}
