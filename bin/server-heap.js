// The server runs with a small young generation: each scavenge then stays near 1 ms instead of 6–10 ms,
// measured as the p99 of an exact ID lookup over HTTP (3 ms instead of 10 ms). V8 takes the size only
// at process start, so a serving process re-launches itself with it; bulk work runs in worker threads
// sized apart (platform/worker.ts).
import { spawn } from 'node:child_process';

const SEMI_SPACE = '--max-semi-space-size=4';

/** True when this process was re-launched (the caller should stop); false when it already has the flag. */
export function relaunchWithServerHeap() {
  if (process.execArgv.includes(SEMI_SPACE)) return false;
  const child = spawn(process.execPath, [SEMI_SPACE, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}
