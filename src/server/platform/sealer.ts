import { Worker } from 'node:worker_threads';
import type { Pii } from './pii.js';

/** A resident's identifiers as stored: encrypted document number and phone, and the phone's blind index. */
export type Sealed = [docEnc: string, phoneEnc: string | null, phoneBidx: string | null];
export type Unsealed = [doc: string, phone: string | null];

/**
 * Encryption for bulk loads on a second core. AES-GCM costs about 6 µs a value here, mostly
 * per-call setup, so a 400k-resident load spends seconds on it; a worker thread does that work
 * while this thread parses, validates or inserts. Small batches are sealed in place.
 */
export class Sealer {
  private worker: Worker | undefined;
  private nextId = 0;
  private waiting = new Map<number, { resolve: (v: Sealed[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly secret: string, private readonly pii: Pii) {}

  /** Seals in the worker; the promise settles when the worker has done this batch. */
  seal(items: Unsealed[]): Promise<Sealed[]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, items });
    });
  }

  /** Seals on this thread (for the share of a load this thread takes itself). */
  sealHere(items: Unsealed[]): Sealed[] {
    return items.map(([doc, phone]) => [this.pii.encrypt(doc), phone ? this.pii.encrypt(phone) : null,
      phone ? this.pii.blindIndex('phone', phone) : null]);
  }

  /** Both threads at once: the worker takes the first half while this thread does the second. */
  async sealAll(items: Unsealed[]): Promise<Sealed[]> {
    if (items.length < 10_000) return this.sealHere(items);
    const half = Math.floor(items.length / 2);
    const there = this.seal(items.slice(0, half));
    const here = this.sealHere(items.slice(half));
    return [...(await there), ...here];
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sealer-entry.js', import.meta.url), { workerData: { secret: this.secret } });
    worker.on('message', ({ id, out }: { id: number; out: Sealed[] }) => {
      this.waiting.get(id)?.resolve(out);
      this.waiting.delete(id);
    });
    worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
    // Kept referenced: while a load awaits its batches, the worker may be all that keeps the process alive.
    this.worker = worker;
    return worker;
  }
}
