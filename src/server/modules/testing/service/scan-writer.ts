import type { Actor } from '../../../platform/access.js';
import { openContext } from '../../../platform/bootstrap.js';
import type { Config } from '../../../platform/config.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { ThreadCalls } from '../../../platform/thread.js';
import type { Scan, ScanAccepted } from '../../../../shared/contracts/testing/sampling.js';
import { recordScans, type ScanOutcome } from './sampling.js';
import { forgetScanContext, onForgetScanContext } from './scan-cache.js';

export type ScanRequest = { actor: Actor; scan: Scan };

/** Where groups of scans are written, one group at a time. */
export interface ScanWriter {
  write(group: ScanRequest[]): Promise<ScanOutcome[]>;
  /** Starts what writing needs before the first scan comes (the thread, when there is one). */
  warm(): void;
  close(): Promise<void>;
}

/**
 * better-sqlite3 is synchronous: a group of 256 scans written on the main thread held its event loop
 * for 40 ms, and every request in the server, a refusal too, waited that long. On SQLite the groups are
 * written by a thread of their own with its own connection, and the main thread only reads, admits,
 * refuses and answers. PostgreSQL's driver is asynchronous: its groups are written here.
 */
export function createScanWriter(ctx: AppContext): ScanWriter {
  const main: ScanWriter = { write: (group) => recordScans(ctx, group), warm() {}, close: async () => {} };
  const sqlite = ctx.handle.sqlite;
  if (!sqlite || ctx.config.scanWriter !== 'thread' || sqlite.memory) return main;

  const thread = new ThreadCalls<WriterCall, WireOutcome[]>(import.meta.url, 'scanWriterThread', {
    config: ctx.config,
    // The thread's commits checkpoint as this connection's do: not at all when a checkpointer runs.
    walAutocheckpoint: Number(sqlite.pragma('wal_autocheckpoint', { simple: true })),
  } satisfies WriterData);
  // A site or round changed here: the thread forgets too, before it takes its next group.
  const stopForgetting = onForgetScanContext(ctx, () => void thread.call('forget').catch(() => {}));
  return {
    async write(group) {
      return (await thread.call(group)).map(fromWire);
    },
    warm() {
      thread.start();
    },
    async close() {
      stopForgetting();
      await thread.close();
    },
  };
}

type WriterCall = ScanRequest[] | 'forget';
interface WriterData {
  config: Config;
  walAutocheckpoint: number;
}
/** An outcome as it crosses threads: an error as its code and parameters (the class does not cross). */
type WireOutcome = { ok: true; accepted: ScanAccepted } | { ok: false; code: AppError['code']; params: Record<string, unknown>; details: unknown };

function toWire(o: ScanOutcome): WireOutcome {
  return o.ok ? o : { ok: false, code: o.error.code, params: o.error.params, details: o.error.details };
}

function fromWire(o: WireOutcome): ScanOutcome {
  return o.ok ? o : { ok: false, error: new AppError(o.code, o.params, o.details) };
}

/** The thread's side: its own connection and keys, and the app's flows, as in the main thread. */
export async function scanWriterThread({ config, walAutocheckpoint }: WriterData): Promise<(call: WriterCall) => Promise<WireOutcome[]>> {
  await import('../../../flows.js');
  const { ctx } = await openContext(config, { quiet: true });
  ctx.handle.sqlite!.pragma(`wal_autocheckpoint = ${walAutocheckpoint}`);
  return async (call) => {
    if (call === 'forget') {
      forgetScanContext(ctx);
      return [];
    }
    return (await recordScans(ctx, call)).map(toWire);
  };
}
