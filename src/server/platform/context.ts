import type { Config } from './config.js';
import type { DbHandle } from './db/index.js';
import type { Pii } from './pii.js';

/** What every service needs from the process: configuration, the database and the PII keys. */
export interface AppContext {
  config: Config;
  handle: DbHandle;
  pii: Pii;
}

/** The same context with its database handle bound to an open transaction, for use cases composed in one. */
export function withTx(ctx: AppContext, tx: DbHandle['db']): AppContext {
  return { ...ctx, handle: { ...ctx.handle, db: tx } };
}
