// Entry of a call-answering worker thread (thread.ts): TypeScript sources load through tsx, as in the
// main thread; the named function of the named module makes the answerer, which then takes the calls.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { answerCalls } = await import('./thread.ts');
const mod = await import(workerData.module);
answerCalls(await mod[workerData.fn](workerData.data));
