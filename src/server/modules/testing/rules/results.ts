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
  const key = text.normalize('NFKC').trim().toLowerCase();
  return RESULT_WORDS[key] ?? null;
}

/** A Ct value: empty is none; otherwise a number in (0, 50]. */
export function parseCt(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text.normalize('NFKC').trim();
  if (t === '' || t === '-' || t === '/' || t.toLowerCase() === 'n/a') return { ok: true, value: null };
  if (!/^\d{1,2}(\.\d{1,4})?$/.test(t)) return { ok: false };
  const value = Number(t);
  return value > 0 && value <= 50 ? { ok: true, value } : { ok: false };
}

const LOCAL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A reported time: ISO with a zone, or a local (Asia/Shanghai, UTC+8) date and time as a lab system
 * or Excel writes it ("2022-08-21 14:05", "2022/8/21 14:05:00", a date alone meaning midnight).
 * Refused when it does not parse, when it is in the future (beyond a minute of clock skew), or
 * before 2019. Empty means "now".
 */
export function parseReportedTime(text: string, now: Date): { ok: true; value: string } | { ok: false; code: FieldMessageCode } {
  const t = text.normalize('NFKC').trim();
  if (t === '') return { ok: true, value: now.toISOString() };
  let ms: number;
  const m = LOCAL_TIME.exec(t);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
    const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
    ms = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] - 8, parts[4], parts[5]);
    const back = new Date(ms + 8 * 3_600_000);
    if (back.getUTCFullYear() !== parts[0] || back.getUTCMonth() !== parts[1] - 1 || back.getUTCDate() !== parts[2]
      || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return { ok: false, code: 'TIME_FORMAT' };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    ms = Date.parse(t);
    if (Number.isNaN(ms)) return { ok: false, code: 'TIME_FORMAT' };
  } else {
    return { ok: false, code: 'TIME_FORMAT' };
  }
  if (ms > now.getTime() + 60_000) return { ok: false, code: 'TIME_FUTURE' };
  if (ms < Date.UTC(2019, 0, 1)) return { ok: false, code: 'TIME_FORMAT' };
  return { ok: true, value: new Date(ms).toISOString() };
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
