import { benchArgs, benchContext, benchDatabase, report, round } from './lib.js';
import { seedDemo } from '../src/server/seed/index.js';

/** The demo district written into an empty database: regions, households, residents (encrypted), accounts. */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const db = await benchDatabase(dialect);
  const ctx = await benchContext(db.databaseUrl);
  const t0 = performance.now();
  const summary = await seedDemo(ctx, { size, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  await ctx.handle.close();
  db.dispose();
  report('seed', dialect, size, { residents: summary.residents, households: summary.households, regions: summary.regions,
    seconds: round(seconds), residents_per_s: Math.round(summary.residents / seconds) });
}
