import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { planRoutes } from './routes/plans.js';

/** Every endpoint of the screening module, one plugin per area. */
export function screeningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(planRoutes(ctx));
  };
}
