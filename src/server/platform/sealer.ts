import { createPii, type Pii } from './pii.js';
import { ThreadCalls } from './thread.js';

/** A resident's identifiers as stored: encrypted document number and phone, and the phone's blind index. */
export type Sealed = [docEnc: string, phoneEnc: string | null, phoneBidx: string | null];
export type Unsealed = [doc: string, phone: string | null];

/**
 * Encryption for bulk loads on a second core. AES-GCM costs about 6 µs a value here, mostly
 * per-call setup, so a 400k-resident load spends seconds on it; a worker thread does that work
 * while this thread parses, validates or inserts. Small batches are sealed in place.
 */
export class Sealer {
  private readonly thread: ThreadCalls<Unsealed[], Sealed[]>;

  constructor(secret: string, private readonly pii: Pii) {
    this.thread = new ThreadCalls(import.meta.url, 'sealerThread', { secret });
  }

  /** Seals in the worker; the promise settles when the worker has done this batch. */
  seal(items: Unsealed[]): Promise<Sealed[]> {
    return this.thread.call(items);
  }

  /** Seals on this thread (for the share of a load this thread takes itself). */
  sealHere(items: Unsealed[]): Sealed[] {
    return sealWith(this.pii, items);
  }

  /** Both threads at once: the worker takes the first half while this thread does the second. */
  async sealAll(items: Unsealed[]): Promise<Sealed[]> {
    if (items.length < 10_000) return this.sealHere(items);
    const half = Math.floor(items.length / 2);
    const there = this.seal(items.slice(0, half));
    const here = this.sealHere(items.slice(half));
    return [...(await there), ...here];
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

function sealWith(pii: Pii, items: Unsealed[]): Sealed[] {
  return items.map(([doc, phone]) => [pii.encrypt(doc), phone ? pii.encrypt(phone) : null, phone ? pii.blindIndex('phone', phone) : null]);
}

/** The worker's side: the same keys, derived from the secret there. */
export function sealerThread({ secret }: { secret: string }): (items: Unsealed[]) => Sealed[] {
  const pii = createPii(secret);
  return (items) => sealWith(pii, items);
}
