// Entry of a worker thread: TypeScript sources load through tsx, as in the main thread; then the
// named function of the named module runs with the given input, and its result is posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// The app's flows between modules (listeners of one module's announcements), as in the main thread.
await import('../flows.js');
const mod = await import(workerData.module);
try {
  const result = await mod[workerData.fn](workerData.input);
  parentPort.postMessage({ ok: true, result });
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
}
