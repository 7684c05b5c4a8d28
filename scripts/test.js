#!/usr/bin/env node
// `npm test`: the whole suite (unit, both database engines, browser) in one vitest run, closed by
// the plain line "N passed, N failed". A run that executes no test, or skips any, fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const report = 'test-results/vitest.json';
fs.mkdirSync('test-results', { recursive: true });
fs.rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (!fs.existsSync(report)) {
  console.log('0 passed, 1 failed');
  console.error('vitest wrote no report (it failed before running tests)');
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
const failedSuites = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
// A run that failed before any test (global setup) still counts as one failure, never as none.
const failed = r.numFailedTests + failedSuites + (r.numTotalTests === 0 ? 1 : 0);
console.log(`\n${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (r.numTotalTests === 0) console.error('no test ran');
if (skipped > 0) console.error('tests were skipped: every suite must run');
process.exit(run.status !== 0 || failed > 0 || skipped > 0 || r.numTotalTests === 0 ? 1 : 0);
