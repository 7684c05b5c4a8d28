import { monotonicFactory } from 'ulidx';
import type { ScanAccepted, ScanBatchResult, TubeView } from '../../../shared/contracts/testing/sampling.js';
import { api } from '../../api/client.js';
import { idb } from './idb.js';

/**
 * The sampler's outbox. Every action (open a tube, a scan, a seal) is written to IndexedDB first and
 * sent after, strictly in the order it was made: a seal goes only when every scan before it has been
 * answered. The server stores a scan once by its client-made ULID, so a scan sent twice (a reply lost
 * on the way back, a reload in the middle of a sync) is not doubled; what the server accepts (or
 * replays) leaves the queue, what it refuses for a business reason moves to the "needs attention"
 * list, and anything else (no network, 429/503, a server error) stays for the next try.
 */

export interface ScanBody {
  id: string;
  tubeBarcode: string;
  siteId: string;
  sampledAt: string;
  subject: { idNumber: string } | { collectionCode: string } | { unregistered: Unregistered };
  repeatReason?: string;
  purpose: 'round' | 'retest';
}

export interface Unregistered {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

interface Base {
  key: string;
  /** The account that made it: a phone passed to the next shift sends only its own user's items. */
  owner: string;
  tubeBarcode: string;
  siteId: string;
  createdAt: string;
}
export type QueueItem =
  | (Base & { kind: 'open'; capacity: number; purpose: 'round' | 'retest' })
  | (Base & { kind: 'scan'; body: ScanBody; label: string })
  | (Base & { kind: 'seal'; reason?: string });

export interface Problem {
  key: string;
  item: QueueItem;
  code: string;
  message: string;
  status: number;
  at: string;
}

/** What became of one item: answered by the server, refused, or still waiting in the queue. */
export type Outcome =
  | { kind: 'accepted'; item: QueueItem & { kind: 'scan' }; accepted: ScanAccepted }
  | { kind: 'tube'; item: QueueItem & { kind: 'open' | 'seal' }; tube: TubeView | null }
  | { kind: 'refused'; item: QueueItem; code: string; message: string; status: number }
  | { kind: 'deferred'; item: QueueItem };

export interface QueueState {
  pending: number;
  problems: Problem[];
  online: boolean;
  syncing: boolean;
  /** When the next automatic try is due (ms since epoch), while items wait. */
  retryAt: number | null;
}

type Sent =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'transient'; retryAfterMs?: number; offline: boolean }
  | { kind: 'signedOut' };

const BATCH_MAX = 200;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** Refusals that mean "already done": a seal of a tube that is sealed (by a lost reply, or at capacity). */
const DONE_ON_SEAL = new Set(['TUBE_SEALED']);

const nextUlid = monotonicFactory();
export const newKey = (): string => nextUlid();

async function send(method: string, path: string, json: unknown): Promise<Sent> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  } catch {
    return { kind: 'transient', offline: true };
  }
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's error page, or the connection dropped while reading: judged by the status below.
    if (res.ok) return { kind: 'transient', offline: true };
  }
  if (res.ok) return { kind: 'ok', status: res.status, body };
  if (res.status === 401) return { kind: 'signedOut' };
  if (res.status === 429 || res.status === 503 || res.status >= 500 || res.status === 408) {
    const after = Number(res.headers.get('retry-after'));
    return { kind: 'transient', offline: false, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined };
  }
  const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return { kind: 'refused', status: res.status, code: e?.code ?? `HTTP_${res.status}`, message: e?.message ?? res.statusText };
}

const isTransientStatus = (status: number) => status === 429 || status === 503 || status === 408 || status >= 500;

let shared: SamplingQueue | undefined;

/** The app's one queue: it keeps syncing while the sampler is on another page. */
export function samplingQueue(): SamplingQueue {
  shared ??= new SamplingQueue();
  return shared;
}

export class SamplingQueue {
  private state: QueueState = { pending: 0, problems: [], online: navigator.onLine, syncing: false, retryAt: null };
  private listeners = new Set<(s: QueueState) => void>();
  private outcomeListeners = new Set<(o: Outcome) => void>();
  private waiters = new Map<string, (o: Outcome) => void>();
  private running = false;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private owner: string | undefined;
  private ownerCheckedAt = 0;

  constructor() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  /** The signed-in sampler: only their items are counted and sent. */
  attach(owner: string): void {
    if (this.owner === owner) return;
    this.owner = owner;
    this.ownerCheckedAt = Date.now();
    void this.refresh().then(() => this.sync());
  }

  private mine<T extends { owner?: string; item?: { owner: string } }>(rows: T[]): T[] {
    return rows.filter((r) => (r.item?.owner ?? r.owner) === this.owner);
  }

  private async queued(): Promise<QueueItem[]> {
    return this.mine(await idb.all<QueueItem>('queue'));
  }

  /**
   * Whether the session still belongs to the attached sampler (checked at most every half minute):
   * after a sign-out and another user's sign-in, the queue must not send the first one's scans.
   */
  private async stillOwner(): Promise<boolean> {
    if (!this.owner) return false;
    if (Date.now() - this.ownerCheckedAt < 30_000) return true;
    try {
      const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
      if (res.status === 401) {
        this.owner = undefined;
        return false;
      }
      if (res.ok) {
        const me = (await res.json()) as { id?: string };
        if (me.id !== this.owner) {
          this.owner = undefined;
          await this.refresh();
          return false;
        }
        this.ownerCheckedAt = Date.now();
      }
      return true;
    } catch {
      // No network: the sends below find that out themselves.
      return true;
    }
  }

  close(): void {
    this.closed = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.timer);
  }

  private onOnline = () => {
    this.set({ online: true });
    this.failures = 0;
    void this.sync();
  };

  private onOffline = () => this.set({ online: false });

  get snapshot(): QueueState {
    return this.state;
  }

  subscribe(listener: (s: QueueState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told of every item the server answered or refused, including those synced in the background. */
  onOutcome(listener: (o: Outcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  private set(patch: Partial<QueueState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private async refresh(): Promise<void> {
    const [queue, problems] = await Promise.all([this.queued(), idb.all<Problem>('problems')]);
    this.set({ pending: queue.length, problems: this.mine(problems) });
  }

  /** Items still waiting, oldest first (for the page to count a tube's pending scans after a reload). */
  pendingItems(): Promise<QueueItem[]> {
    return this.queued();
  }

  /**
   * Stores the item (resolves once it is on disk), then sends the queue; `outcome` resolves with this
   * item's fate, or 'deferred' when it is still queued after the try (no network, server busy) or no
   * answer came within `waitMs`.
   */
  async submit(item: QueueItem, waitMs = 5_000): Promise<{ outcome: Promise<Outcome> }> {
    await idb.put('queue', item);
    this.set({ pending: this.state.pending + 1 });
    const outcome = new Promise<Outcome>((resolve) => {
      this.waiters.set(item.key, resolve);
      setTimeout(() => this.settle({ kind: 'deferred', item }), waitMs);
    });
    void this.sync();
    return { outcome };
  }

  private settle(outcome: Outcome): void {
    const waiter = this.waiters.get(outcome.item.key);
    if (waiter) {
      this.waiters.delete(outcome.item.key);
      waiter(outcome);
    }
  }

  private emit(outcome: Outcome): void {
    for (const l of this.outcomeListeners) l(outcome);
    this.settle(outcome);
  }

  async dismissProblem(key: string): Promise<void> {
    await idb.delete('problems', [key]);
    await this.refresh();
  }

  /** Sends what is queued, oldest first, until the queue is empty or the network or server says wait. */
  async sync(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    if (!(await this.stillOwner())) {
      this.running = false;
      return;
    }
    clearTimeout(this.timer);
    this.set({ syncing: true, retryAt: null });
    let wait: Sent | undefined;
    try {
      for (;;) {
        const queue = await this.queued();
        this.set({ pending: queue.length });
        if (queue.length === 0) break;
        const head = queue[0];
        const stop = head.kind === 'scan'
          ? await this.sendScans(takeScans(queue))
          : await this.sendOne(head);
        if (stop) {
          wait = stop;
          break;
        }
      }
    } catch {
      // IndexedDB itself failed (storage full, private mode quirk): try again later like a network error.
      wait = { kind: 'transient', offline: false };
    } finally {
      this.running = false;
      const queue = await this.queued().catch(() => []);
      // Stopped by the network or a busy server: whoever waits for a queued item is told it waits.
      if (wait) for (const item of queue) if (this.waiters.has(item.key)) this.settle({ kind: 'deferred', item });
      this.set({ syncing: false, pending: queue.length });
      if (this.again) {
        this.again = false;
        if (!wait) void this.sync();
      }
      if (wait && queue.length > 0) this.schedule(wait);
      else this.failures = 0;
    }
  }

  private schedule(wait: Sent): void {
    if (this.closed) return;
    this.failures += 1;
    const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(this.failures - 1, 5));
    const given = wait.kind === 'transient' ? wait.retryAfterMs : undefined;
    // A little jitter, so that a site's phones coming back together do not retry in step.
    const delay = Math.round((given ?? backoff) * (0.8 + Math.random() * 0.4));
    if (wait.kind === 'transient' && wait.offline) this.set({ online: false });
    this.set({ retryAt: Date.now() + delay });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), delay);
  }

  private markOnline(): void {
    if (!this.state.online) this.set({ online: true });
  }

  /** Returns what stopped the run (nothing when the items were answered). */
  private async sendScans(items: (QueueItem & { kind: 'scan' })[]): Promise<Sent | undefined> {
    if (items.length === 1) {
      const [item] = items;
      const sent = await send('POST', '/testing/scans', item.body);
      if (sent.kind === 'ok') {
        this.markOnline();
        await idb.delete('queue', [item.key]);
        this.emit({ kind: 'accepted', item, accepted: sent.body as ScanAccepted });
        return undefined;
      }
      if (sent.kind === 'refused') {
        this.markOnline();
        await this.refuse(item, sent.code, sent.message, sent.status);
        return undefined;
      }
      return this.stopped(sent);
    }
    const sent = await send('POST', '/testing/scans/batch', { scans: items.map((i) => i.body) });
    if (sent.kind !== 'ok') {
      if (sent.kind === 'refused') {
        // The batch as a whole was refused (a malformed item): send them one by one to find it.
        for (const item of items) {
          const stop = await this.sendScans([item]);
          if (stop) return stop;
        }
        return undefined;
      }
      return this.stopped(sent);
    }
    this.markOnline();
    const byKey = new Map(items.map((i) => [i.key, i]));
    const results = (sent.body as ScanBatchResult).results;
    const done: string[] = [];
    let busy: Sent | undefined;
    for (const r of results) {
      const item = byKey.get(r.id);
      if (!item) continue;
      if (r.ok) {
        done.push(item.key);
      } else if (isTransientStatus(r.error.status)) {
        busy = { kind: 'transient', offline: false };
      }
    }
    await idb.delete('queue', done);
    for (const r of results) {
      const item = byKey.get(r.id);
      if (!item) continue;
      if (r.ok) this.emit({ kind: 'accepted', item, accepted: r.accepted });
      else if (!isTransientStatus(r.error.status)) await this.refuse(item, r.error.code, r.error.message, r.error.status);
    }
    return busy;
  }

  private async sendOne(item: QueueItem & { kind: 'open' | 'seal' }): Promise<Sent | undefined> {
    const sent = item.kind === 'open'
      ? await send('POST', '/testing/tubes', { barcode: item.tubeBarcode, siteId: item.siteId, purpose: item.purpose })
      : await send('POST', `/testing/tubes/${encodeURIComponent(item.tubeBarcode)}/seal`, item.reason ? { reason: item.reason } : {});
    if (sent.kind === 'ok' || (sent.kind === 'refused' && item.kind === 'seal' && DONE_ON_SEAL.has(sent.code))) {
      this.markOnline();
      await idb.delete('queue', [item.key]);
      this.emit({ kind: 'tube', item, tube: sent.kind === 'ok' ? (sent.body as TubeView) : null });
      return undefined;
    }
    if (sent.kind === 'refused') {
      this.markOnline();
      await this.refuse(item, sent.code, sent.message, sent.status);
      return undefined;
    }
    return this.stopped(sent);
  }

  private stopped(sent: Sent): Sent {
    if (sent.kind === 'signedOut') {
      this.owner = undefined;
      // Let the app show the login page (the queue stays on disk and is sent after signing in).
      void api.get('/auth/me').catch(() => undefined);
    }
    return sent;
  }

  /**
   * A refusal. An item whose sender is still watching (the scan just made) is handed back to it and
   * dropped; one synced in the background goes to the "needs attention" list, so that it is not lost.
   */
  private async refuse(item: QueueItem, code: string, message: string, status: number): Promise<void> {
    if (this.waiters.has(item.key)) {
      await idb.delete('queue', [item.key]);
    } else {
      const problem: Problem = { key: item.key, item, code, message, status, at: new Date().toISOString() };
      await idb.move('queue', 'problems', [problem]);
      this.set({ problems: [...this.state.problems.filter((p) => p.key !== item.key), problem] });
    }
    this.emit({ kind: 'refused', item, code, message, status });
  }
}

function takeScans(queue: QueueItem[]): (QueueItem & { kind: 'scan' })[] {
  const out: (QueueItem & { kind: 'scan' })[] = [];
  for (const item of queue) {
    if (item.kind !== 'scan' || out.length >= BATCH_MAX) break;
    out.push(item);
  }
  return out;
}
