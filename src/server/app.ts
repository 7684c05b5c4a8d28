import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import multipart from '@fastify/multipart';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './platform/context.js';
import { registerErrorHandler, registerSessionResolution } from './platform/http.js';
import { platformRoutes } from './platform/routes.js';
import { regionNames, regionRoutes } from './modules/regions/index.js';
import { responseRoutes } from './modules/response/index.js';
import { peopleRoutes } from './modules/people/index.js';
import { userRoutes } from './modules/users/index.js';
import { organizationRoutes } from './modules/organizations/index.js';
import { taskRoutes } from './modules/tasks/index.js';
import { testingRoutes } from './modules/testing/index.js';
import { screeningRoutes } from './modules/screening/index.js';
import { isolationRoutes } from './modules/isolation/index.js';
import './flows.js';

export interface AppOptions {
  /** Built web UI to serve at /; absent in API-only tests. */
  webRoot?: string;
  logger?: boolean | object;
}

/** Request ids for the logs: unique per node start and counted, cheaper than a random UUID per request. */
function requestIds(): () => string {
  const node = crypto.randomBytes(4).toString('hex');
  let n = 0;
  return () => `${node}-${(n++).toString(36)}`;
}

/** Builds the HTTP app from the platform and the modules; listening and shutdown live in main.ts. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    genReqId: requestIds(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const cookieSecret = crypto.createHmac('sha256', ctx.config.secret).update('session-cookie').digest('hex');
  await app.register(cookie, { secret: cookieSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
  // Shed load before the event loop drowns: a fast 503 with Retry-After beats a slow timeout.
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    retryAfter: 5,
    exposeStatusRoute: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anning API', description: '安宁 — county epidemic-prevention and emergency command', version: '1' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerSessionResolution(app, ctx);
  registerErrorHandler(app, ctx);

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await sql`select 1`.execute(ctx.handle.db);
    return { status: 'ok', dialect: ctx.handle.dialect };
  });

  // The platform names the user's scopes through the regions module, which it may not import itself.
  await app.register(platformRoutes(ctx, { regionNames: (codes) => regionNames(ctx.handle.db, codes) }));
  await app.register(regionRoutes(ctx));
  await app.register(responseRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(organizationRoutes(ctx));
  await app.register(taskRoutes(ctx));
  await app.register(testingRoutes(ctx));
  await app.register(screeningRoutes(ctx));
  await app.register(isolationRoutes(ctx));

  if (options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webRoot });
    // Client-side routes: any non-API path that is not a file gets the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found' } });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
