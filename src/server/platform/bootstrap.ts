import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDb } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { createPii } from './pii.js';

/** Opens the database, brings its schema up to date and derives the keys: what every entry point needs. */
export async function openContext(
  config: Config,
  opts: { quiet?: boolean; /** a long-running server (not a command or a job) */ serving?: boolean } = {},
): Promise<{ ctx: AppContext; applied: string[] }> {
  if (config.secretIsDevelopmentDefault && !opts.quiet) {
    console.warn(
      '\n  ⚠ ANNING_SECRET is not set: using the built-in development secret.\n' +
        '    Personal data encrypted with it is readable by anyone with this source code.\n' +
        '    Set ANNING_SECRET to a long random value before real use (see README).\n',
    );
  }
  const handle = openDb(config.databaseUrl, { backgroundCheckpoints: opts.serving });
  try {
    const applied = await migrateToLatest(handle.db);
    return { ctx: { config, handle, pii: createPii(config.secret) }, applied };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
