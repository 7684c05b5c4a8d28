import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http.js';
import { TestingSummary } from '../../../../shared/contracts/testing/summary.js';
import { testingSummary } from '../service/summary.js';

export function summaryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/testing/summary', {
      schema: { tags: ['testing'], summary: 'Testing at a glance for command: today\'s samples and tubes, results pending, positives, coverage',
        response: { 200: TestingSummary } },
    }, async (req) => testingSummary(ctx, actorOf(req)));
  };
}
