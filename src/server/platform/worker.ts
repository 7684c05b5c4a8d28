import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/**
 * Runs an exported async function of a module in a worker thread. better-sqlite3 is synchronous:
 * a long import on the main thread would stall every other request, so long jobs run here, each
 * with its own database connection. The input must be structured-cloneable.
 */
export function runInWorker<T>(moduleUrl: string, fn: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-entry.js', import.meta.url), {
      workerData: { module: moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl, fn, input },
      // Bulk work allocates fast: a young generation of V8's usual size, whatever the server runs with.
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    let settled = false;
    worker.once('message', (m: { ok: boolean; result?: T; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.result as T);
      else reject(new Error(m.error));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker exited with code ${code}`));
    });
  });
}
