#!/usr/bin/env node
// The `anning` command. TypeScript sources run through tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';
import { relaunchWithServerHeap } from './server-heap.js';

if (!(process.argv[2] === 'start' && relaunchWithServerHeap())) {
  register();
  await import('../src/server/main.ts');
}
