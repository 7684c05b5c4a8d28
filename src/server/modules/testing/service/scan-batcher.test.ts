import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import type { Scan } from '../../../../shared/contracts/testing/sampling.js';
import type { ScanOutcome } from './sampling.js';
import { createScanBatcher } from './scan-batcher.js';
import type { ScanRequest, ScanWriter } from './scan-writer.js';

const actor = { userId: 'u1' } as Actor;
const scanNo = (n: number) => ({ id: `S${n}` }) as Scan;
const accepted = (r: ScanRequest): ScanOutcome => ({ ok: true, accepted: { id: r.scan.id, replay: false, seq: 1,
  person: { name: '', regionName: null, unregistered: false }, tube: { barcode: 'T', capacity: 10, memberCount: 1, status: 'open' } } });

/** A writer whose groups finish when the test says so, logging what happens in which order. */
function heldWriter() {
  const log: string[] = [];
  const held: { group: ScanRequest[]; finish: (fail?: Error) => void }[] = [];
  const writer: ScanWriter = {
    write: (group) => new Promise((resolve, reject) => {
      log.push(`write ${group.map((r) => r.scan.id).join(',')}`);
      held.push({ group, finish: (fail) => (fail ? reject(fail) : resolve(group.map(accepted))) });
    }),
    warm() {},
    close: async () => {},
  };
  return { writer, log, held };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('group commit of scans', () => {
  it('writes the scans of one turn together, and those arriving meanwhile as the next group', async () => {
    const { writer, log, held } = heldWriter();
    const batcher = createScanBatcher(writer);
    const first = [1, 2, 3].map((n) => batcher.submit(actor, scanNo(n)));
    await turn();
    const second = [4, 5].map((n) => batcher.submit(actor, scanNo(n)));
    await turn();
    expect(log).toEqual(['write S1,S2,S3']);
    expect(batcher.pending).toBe(2);
    held[0].finish();
    expect((await Promise.all(first)).map((a) => a.id)).toEqual(['S1', 'S2', 'S3']);
    await turn();
    expect(log).toEqual(['write S1,S2,S3', 'write S4,S5']);
    held[1].finish();
    expect((await Promise.all(second)).map((a) => a.id)).toEqual(['S4', 'S5']);
  });

  it('hands the next group to the writer before answering the finished one', async () => {
    const { writer, log, held } = heldWriter();
    const batcher = createScanBatcher(writer);
    const first = batcher.submit(actor, scanNo(1)).then(() => log.push('answered S1'));
    await turn();
    const second = batcher.submit(actor, scanNo(2));
    await turn();
    held[0].finish();
    await first;
    expect(log).toEqual(['write S1', 'write S2', 'answered S1']);
    held[1].finish();
    await second;
  });

  it('fails a whole group when its write fails, and goes on with the next', async () => {
    const { writer, held } = heldWriter();
    const batcher = createScanBatcher(writer);
    const doomed = [1, 2].map((n) => batcher.submit(actor, scanNo(n)));
    await turn();
    held[0].finish(new Error('disk full'));
    for (const d of doomed) await expect(d).rejects.toThrow('disk full');
    const later = batcher.submit(actor, scanNo(3));
    await turn();
    held[1].finish();
    expect((await later).id).toBe('S3');
  });

  it('refuses at once beyond its queue, and writes at most a group at a time', async () => {
    const { writer, log, held } = heldWriter();
    const batcher = createScanBatcher(writer, { maxBatch: 2, maxQueue: 3 });
    const kept = [1, 2, 3].map((n) => batcher.submit(actor, scanNo(n)));
    const refused = batcher.submit(actor, scanNo(4));
    await expect(refused).rejects.toEqual(new AppError('OVERLOADED'));
    await turn();
    expect(log).toEqual(['write S1,S2']);
    held[0].finish();
    await turn();
    expect(log).toEqual(['write S1,S2', 'write S3']);
    held[1].finish();
    expect((await Promise.all(kept)).map((a) => a.id)).toEqual(['S1', 'S2', 'S3']);
  });
});
