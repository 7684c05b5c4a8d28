// Worker side of the Sealer (sealer.ts): encrypts identifiers and computes phone blind indexes
// for batches posted by the parent, in the parent's order.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createPii } = await import('./pii.ts');
const pii = createPii(workerData.secret);
parentPort.on('message', ({ id, items }) => {
  const out = items.map(([doc, phone]) => [pii.encrypt(doc), phone ? pii.encrypt(phone) : null, phone ? pii.blindIndex('phone', phone) : null]);
  parentPort.postMessage({ id, out });
});
