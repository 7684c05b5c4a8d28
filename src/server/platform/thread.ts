import { Worker, parentPort, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

type Answer<Out> = { id: number; ok: true; output: Out } | { id: number; ok: false; error: string };

interface Running<Out> {
  worker: Worker;
  waiting: Map<number, { resolve: (v: Out) => void; reject: (e: Error) => void }>;
}

/**
 * A worker thread that answers calls: `call` posts an input and settles with the thread's answer.
 * The thread runs `fn(data)` of `moduleUrl` once to get its answerer (which may open a database, derive
 * keys…); calls posted meanwhile wait in the port. It starts on the first call (or at `start`) and
 * stays referenced (a caller may be awaiting nothing else). Should it die, its calls fail and the next
 * call starts a new one.
 */
export class ThreadCalls<In, Out> {
  private running: Running<Out> | undefined;
  private nextId = 0;

  constructor(
    private readonly moduleUrl: string,
    private readonly fn: string,
    private readonly data: unknown,
    private readonly options: Omit<WorkerOptions, 'workerData'> = {},
  ) {}

  call(input: In): Promise<Out> {
    const { worker, waiting } = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  /** Starts the thread now rather than on the first call (which then need not wait for it to load). */
  start(): void {
    this.thread();
  }

  async close(): Promise<void> {
    const worker = this.running?.worker;
    this.running = undefined;
    await worker?.terminate();
  }

  private thread(): Running<Out> {
    if (this.running) return this.running;
    const worker = new Worker(new URL('./thread-entry.js', import.meta.url), {
      ...this.options,
      workerData: { module: fileURLToPath(this.moduleUrl), fn: this.fn, data: this.data },
    });
    const running: Running<Out> = { worker, waiting: new Map() };
    const fail = (err: Error) => {
      if (this.running === running) this.running = undefined;
      for (const w of running.waiting.values()) w.reject(err);
      running.waiting.clear();
    };
    worker.on('message', (a: Answer<Out>) => {
      const w = running.waiting.get(a.id);
      running.waiting.delete(a.id);
      if (a.ok) w?.resolve(a.output);
      else w?.reject(new Error(a.error));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread exited with code ${code}`)));
    this.running = running;
    return running;
  }
}

/** The thread's side (thread-entry.js): each call is answered as it comes, its failure sent back as a message. */
export function answerCalls<In, Out>(answer: (input: In) => Out | Promise<Out>): void {
  const port = parentPort!;
  port.on('message', async ({ id, input }: { id: number; input: In }) => {
    try {
      port.postMessage({ id, ok: true, output: await answer(input) });
    } catch (err) {
      port.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
