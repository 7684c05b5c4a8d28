import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { todayInChina } from '../../../shared/validators/index.js';
import { siteRoutes } from './routes/sites.js';
import { zoneRoutes } from './routes/zones.js';
import { runZoneDay } from './service/zones.js';

/** How often the server looks whether today's downgrade computation has run. */
const ZONE_CLOCK_MS = 15 * 60_000;

/**
 * Every endpoint of the isolation module, and the daily downgrade computation: once the server is
 * ready, every 15 minutes it runs for the local date unless it already has (the run itself is
 * idempotent, so several nodes doing it is harmless); stopped when the server closes.
 */
export function isolationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(siteRoutes(ctx));
    await app.register(zoneRoutes(ctx));
    let timer: NodeJS.Timeout | undefined;
    let lastRun: string | null = null;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        const today = todayInChina();
        if (today === lastRun) return;
        runZoneDay(ctx.handle.db, today).then(() => { lastRun = today; },
          (err: unknown) => app.log.error({ err }, 'daily zone computation failed'));
      }, ZONE_CLOCK_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  };
}
