import { defineLadder } from '../../../platform/workflow.js';
import { BARCODE_PATTERN, type IncidentStatus, type TestResult } from '../../../../shared/testing.js';
import type { ErrorCode, FieldMessageCode } from '../../../../shared/messages.js';

/**
 * A positive pool's life: members told to stay apart (notified), each swabbed again in a single tube
 * (resampled), every single result in (resulted), then closed by the workstream. Notification may
 * come after the retests are linked (the grid worker swabs first and reports after); closing is
 * possible from any state, with a reason (a corrected result, a duplicate).
 */
export const INCIDENT_LADDER = defineLadder<IncidentStatus>({
  recordType: 'testing_incident',
  initial: 'open',
  transitions: {
    open: ['notified', 'resampled', 'closed'],
    notified: ['resampled', 'closed'],
    resampled: ['resulted', 'closed'],
    resulted: ['closed'],
    closed: [],
  },
  reasonRequired: ['open->closed', 'notified->closed', 'resampled->closed'],
});

export function incidentKind(capacity: number): 'pool' | 'single' {
  return capacity > 1 ? 'pool' : 'single';
}

/** The outcome once every member has a usable retest result; null while some are missing or invalid. */
export function incidentOutcome(retests: (TestResult | null)[]): 'positive_found' | 'cleared' | null {
  if (retests.length === 0 || retests.some((r) => r === null || r === 'invalid')) return null;
  return retests.includes('positive') ? 'positive_found' : 'cleared';
}

/** The region a retest task goes to: the member's grid (a building's parent), or the region itself if above. */
export function gridPathOf(regionPath: string): string {
  return regionPath.split('/').slice(0, 4).join('/');
}

const RESULT_WORDS: Record<string, TestResult> = {
  阴性: 'negative', negative: 'negative', neg: 'negative', '-': 'negative', '阴': 'negative',
  阳性: 'positive', positive: 'positive', pos: 'positive', '+': 'positive', '阳': 'positive',
  无效: 'invalid', invalid: 'invalid', 无效样本: 'invalid', 需重采: 'invalid',
};

/** 阴性/阳性/无效 or negative/positive/invalid, as labs write them (any case, full-width folded). */
export function parseResult(text: string): TestResult | null {
  return RESULT_WORDS[text] ?? RESULT_WORDS[text.normalize('NFKC').trim().toLowerCase()] ?? null;
}

/** A Ct value: empty is none; otherwise a number in (0, 50]. */
export function parseCt(text: string): { ok: true; value: number | null } | { ok: false } {
  if (text === '') return { ok: true, value: null };
  const t = text.normalize('NFKC').trim();
  if (t === '' || t === '-' || t === '/' || t.toLowerCase() === 'n/a') return { ok: true, value: null };
  if (!/^\d{1,2}(\.\d{1,4})?$/.test(t)) return { ok: false };
  const value = Number(t);
  return value > 0 && value <= 50 ? { ok: true, value } : { ok: false };
}

const LOCAL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant a time text names, or why it names none (independent of the clock, so it can be cached). */
function instantOf(text: string): number | 'bad' {
  const t = text.normalize('NFKC').trim();
  const m = LOCAL_TIME.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
    const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
    const back = new Date(ms + 8 * 3_600_000);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      return 'bad';
    }
    return ms;
  }
  if (ZONED_TIME.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? 'bad' : ms;
  }
  return 'bad';
}

// A results file repeats the same few report times thousands of times: each text is parsed once.
const instants = new Map<string, { ms: number; iso: string } | 'bad'>();

/**
 * A reported time: ISO with a zone, or a local (Asia/Shanghai, UTC+8) date and time as a lab system
 * or Excel writes it ("2022-08-21 14:05", "2022/8/21 14:05:00", a date alone meaning midnight).
 * Refused when it does not parse, when it is in the future (beyond a minute of clock skew), or
 * before 2019. Empty means "now".
 */
export function parseReportedTime(text: string, now: Date): { ok: true; value: string } | { ok: false; code: FieldMessageCode } {
  if (text.trim() === '') return { ok: true, value: now.toISOString() };
  let at = instants.get(text);
  if (at === undefined) {
    if (instants.size >= 10_000) instants.clear();
    const ms = instantOf(text);
    at = ms === 'bad' ? 'bad' : { ms, iso: new Date(ms).toISOString() };
    instants.set(text, at);
  }
  if (at === 'bad' || at.ms < Date.UTC(2019, 0, 1)) return { ok: false, code: 'TIME_FORMAT' };
  if (at.ms > now.getTime() + 60_000) return { ok: false, code: 'TIME_FUTURE' };
  return { ok: true, value: at.iso };
}

export function isBarcode(text: string): boolean {
  return BARCODE_PATTERN.test(text);
}

/** What the system knows of a tube when a result for it arrives. */
export interface TubeState {
  status: 'open' | 'sealed' | 'bagged' | 'in_transit' | 'received' | 'resulted';
  labId: string | null;
  result: TestResult | null;
}

export type ResultDecision =
  | { kind: 'record' }
  | { kind: 'unchanged' }
  | { kind: 'refuse'; code: Extract<ErrorCode, 'TUBE_UNKNOWN' | 'TUBE_NOT_SEALED' | 'TUBE_OTHER_LAB' | 'RESULT_CONFLICT'> };

/**
 * Whether a lab's result for a tube is recorded, is already known (the same file or batch again), or
 * is refused: an unknown tube, one never sealed, one another lab received, or a different result for
 * a tube that has one (that needs a correction with a reason).
 */
export function decideResult(tube: TubeState | undefined, labId: string, result: TestResult): ResultDecision {
  if (!tube) return { kind: 'refuse', code: 'TUBE_UNKNOWN' };
  if (tube.status === 'open') return { kind: 'refuse', code: 'TUBE_NOT_SEALED' };
  if (tube.labId !== null && tube.labId !== labId) return { kind: 'refuse', code: 'TUBE_OTHER_LAB' };
  if (tube.result !== null) return tube.result === result ? { kind: 'unchanged' } : { kind: 'refuse', code: 'RESULT_CONFLICT' };
  return { kind: 'record' };
}
