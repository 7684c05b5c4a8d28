import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { planRoutes } from './routes/plans.js';
import { episodeRoutes } from './routes/episodes.js';
import { episodeCommandRoutes } from './routes/episode-command.js';
import { roundRoutes } from './routes/rounds.js';
import { todayRoutes } from './routes/today.js';
import { importRoutes } from './routes/imports.js';

/** Every endpoint of the screening module, one plugin per area. */
export function screeningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(planRoutes(ctx));
    await app.register(episodeRoutes(ctx));
    await app.register(episodeCommandRoutes(ctx));
    await app.register(roundRoutes(ctx));
    await app.register(todayRoutes(ctx));
    await app.register(importRoutes(ctx));
  };
}
