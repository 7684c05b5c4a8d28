#!/usr/bin/env node
// `npm run bench -- <name> [--dialect sqlite|postgres] [...]`: runs bench/<name>.ts, which ends by
// printing one JSON line with its figures, the machine and the command.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';
import { relaunchWithServerHeap } from './server-heap.js';

const [name, ...args] = process.argv.slice(2);
const available = fs.readdirSync(new URL('../bench/', import.meta.url)).filter((f) => /^[a-z-]+\.ts$/.test(f) && f !== 'lib.ts')
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [--dialect sqlite|postgres]`);
  process.exit(2);
}
// The lookup benchmark serves from this process: it gets the server's heap settings.
if (name === 'lookup' && relaunchWithServerHeap()) await new Promise(() => {});
register();
const mod = await import(`../bench/${name}.ts`);
await mod.run(args);
process.exit(0);
