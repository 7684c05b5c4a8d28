import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { TodayList, TodayQuery } from '../../../../shared/contracts/screening/today.js';
import { todayList } from '../service/today.js';

/** The grid worker's day (今日工作). */
export function todayRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/screening/today', {
      schema: { tags: ['screening'], summary: "What is due today in a grid (default: the grid worker's own): visits, tests, health checks, releases, tasks",
        querystring: TodayQuery, response: { 200: TodayList } },
    }, async (req) => todayList(ctx, actorOf(req), req.query.grid));
  };
}
