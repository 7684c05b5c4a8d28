import { spawn, spawnSync } from 'node:child_process';
import { round } from './lib.js';

export interface WrkResult {
  requests: number;
  seconds: number;
  non2xx: number;
  socketErrors: number;
  rps: number;
  p50: number;
  p99: number;
  raw: string;
}

export function hasWrk(): boolean {
  return !spawnSync('wrk', ['--version']).error;
}

/** Runs wrk (a C load generator: the lightest client for two shared cores) and reads its report. */
export async function wrk(args: string[]): Promise<WrkResult> {
  const raw = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', ['--latency', ...args]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  const num = (re: RegExp) => Number(re.exec(raw)?.[1] ?? 0);
  const ms = (q: string) => {
    const m = new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`).exec(raw);
    if (!m) return NaN;
    return round(Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1));
  };
  const requests = num(/(\d+) requests in/);
  const secs = /requests in ([\d.]+)(ms|s|m)/.exec(raw);
  const seconds = secs ? Number(secs[1]) * (secs[2] === 'ms' ? 0.001 : secs[2] === 'm' ? 60 : 1) : NaN;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  return {
    requests, seconds, non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
    rps: num(/Requests\/sec:\s+([\d.]+)/), p50: ms('50'), p99: ms('99'), raw,
  };
}
