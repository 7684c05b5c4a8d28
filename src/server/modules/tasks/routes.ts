import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http.js';
import { MoveTask, NewTask, TaskPage, TaskQuery, TaskView } from '../../../shared/tasks.js';
import { assignTask, inbox, moveTask } from './service.js';

export function taskRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const db = ctx.handle.db;
    app.get('/api/v1/tasks', {
      schema: { tags: ['tasks'], summary: 'My inbox: tasks in my scope, overdue first', querystring: TaskQuery,
        response: { 200: TaskPage } },
    }, async (req) => inbox(db, actorOf(req), req.query));

    app.post('/api/v1/tasks', {
      schema: { tags: ['tasks'], summary: 'Assign a task to a region', body: NewTask, response: { 201: TaskView } },
    }, async (req, reply) => reply.status(201).send(await assignTask(db, actorOf(req), req.body)));

    app.post('/api/v1/tasks/:id/status', {
      schema: { tags: ['tasks'], summary: 'Move a task along its ladder', params: z.object({ id: z.string().max(40) }),
        body: MoveTask, response: { 200: TaskView } },
    }, async (req) => moveTask(db, actorOf(req), req.params.id, req.body));
  };
}
