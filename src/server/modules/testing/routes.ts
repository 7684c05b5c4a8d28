import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { roundRoutes } from './routes/rounds.js';
import { samplingRoutes } from './routes/sampling.js';
import { transportRoutes } from './routes/transport.js';
import { resultRoutes } from './routes/results.js';
import { incidentRoutes } from './routes/incidents.js';
import { coverageRoutes } from './routes/coverage.js';
import { residentRoutes } from './routes/residents.js';
import { summaryRoutes } from './routes/summary.js';

/** Every endpoint of the testing module, one plugin per area. */
export function testingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(roundRoutes(ctx));
    await app.register(samplingRoutes(ctx));
    await app.register(transportRoutes(ctx));
    await app.register(resultRoutes(ctx));
    await app.register(incidentRoutes(ctx));
    await app.register(coverageRoutes(ctx));
    await app.register(residentRoutes(ctx));
    await app.register(summaryRoutes(ctx));
  };
}
