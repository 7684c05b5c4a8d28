import crypto from 'node:crypto';
import { requirePermission, requireRegion, type Actor } from '../../../platform/access.js';
import { audit, type AuditWho } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { nowIso } from '../../../platform/ids.js';
import { peopleByIds, personByDocNumber, personViews } from '../../people/index.js';
import type { Locale } from '../../../../shared/messages.js';
import { COLLECTION_CODE_PREFIX, TEST_RESULT_LABELS } from '../../../../shared/testing.js';
import type {
  CollectionCodeView, ResidentLookup, ResidentResult, ResidentResults,
} from '../../../../shared/contracts/testing/residents.js';
import * as store from '../store/residents.js';

const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A fresh 采集码: the prefix and 16 characters of [0-9A-Z] drawn without bias (about 82 bits). */
export function newCollectionCode(): string {
  const out: string[] = [];
  while (out.length < 16) {
    for (const b of crypto.randomBytes(24)) {
      // 252 = 7 × 36: bytes above it would favour the first characters.
      if (b < 252 && out.length < 16) out.push(CODE_ALPHABET[b % 36]);
    }
  }
  return COLLECTION_CODE_PREFIX + out.join('');
}

/** The person's code, issued on first request. */
export async function collectionCodeFor(db: DbOrTx, personId: string): Promise<{ code: string; issuedAt: string }> {
  const existing = await store.collectionCodeOf(db, personId);
  if (existing) return { code: existing.code, issuedAt: existing.issued_at };
  await store.insertCollectionCode(db, { code: newCollectionCode(), person_id: personId, issued_at: nowIso() });
  const row = (await store.collectionCodeOf(db, personId))!;
  return { code: row.code, issuedAt: row.issued_at };
}

const RESULT_LABELS: Record<ResidentResult, Record<Locale, string>> = {
  pending: { 'zh-CN': '检测中，请耐心等待', en: 'Being tested; please wait' },
  negative: TEST_RESULT_LABELS.negative,
  pool_positive: { 'zh-CN': '混管异常，请居家等待单管复核', en: 'Pooled sample flagged; stay home for a single-tube retest' },
  positive: TEST_RESULT_LABELS.positive,
  invalid: { 'zh-CN': '样本无效，请尽快重新采样', en: 'Invalid sample; please be sampled again' },
};

function residentResult(r: { result: 'negative' | 'positive' | 'invalid' | null; capacity: number }): ResidentResult {
  if (r.result === null) return 'pending';
  if (r.result === 'positive') return r.capacity > 1 ? 'pool_positive' : 'positive';
  return r.result;
}

/**
 * Guessing the last four phone digits of a known ID number takes at most 10,000 tries: besides the
 * per-address limit on the route, an ID number that failed this many times recently is refused for a while,
 * wherever the tries come from. Kept in memory (per node), keyed by the number's blind index.
 */
const FAILURES_ALLOWED = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;
const failures = new Map<string, number[]>();

function recentFailures(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
  if (list.length === 0) failures.delete(key);
  else failures.set(key, list);
  return list;
}

function recordFailure(key: string, now: number): void {
  if (failures.size > 100_000) failures.clear();
  failures.set(key, [...recentFailures(key, now), now]);
}

function sameDigits(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(4, ' ').slice(0, 4));
  const y = Buffer.from(b.padEnd(4, ' ').slice(0, 4));
  return crypto.timingSafeEqual(x, y);
}

/**
 * The residents' page: a resident gives their ID number and the last four digits of their phone and
 * gets their own latest results and their 采集码, nothing else. No such person and wrong digits get the
 * same answer. Every lookup is audited with the caller's address.
 */
export async function lookupResults(
  ctx: AppContext,
  who: { ip: string | null },
  input: ResidentLookup,
  locale: Locale,
): Promise<ResidentResults> {
  const db = ctx.handle.db;
  const number = input.idNumber.trim().toUpperCase();
  const key = ctx.pii.blindIndex('doc', `lookup:${number}`);
  const now = Date.now();
  const anonymous: AuditWho = { userId: null, username: null, role: 'resident', ip: who.ip };
  if (recentFailures(key, now).length >= FAILURES_ALLOWED) {
    await audit(db, anonymous, { action: 'testing.resident_lookup', result: 'denied', reason: 'RATE_LIMITED' });
    throw new AppError('RATE_LIMITED');
  }
  const person = await personByDocNumber(ctx, db, number);
  const phone = person?.phone_enc ? ctx.pii.decrypt(person.phone_enc) : null;
  const ok = sameDigits(phone ? phone.slice(-4) : '----', input.phoneLast4) && person !== undefined && phone !== null;
  if (!ok || !person) {
    recordFailure(key, now);
    await audit(db, anonymous, { action: 'testing.resident_lookup', result: 'denied', reason: 'RESIDENT_LOOKUP_FAILED',
      subjectType: person ? 'person' : undefined, subjectId: person?.id });
    throw new AppError('RESIDENT_LOOKUP_FAILED');
  }
  const [code, samples] = await Promise.all([collectionCodeFor(db, person.id), store.latestSamplesOf(db, person.id, 5)]);
  await audit(db, anonymous, { action: 'testing.resident_lookup', subjectType: 'person', subjectId: person.id,
    regionPath: person.region_path, detail: { results: samples.length } });
  return {
    results: samples.map((s) => {
      const result = residentResult(s);
      return { sampledAt: s.sampled_at, result, resultLabel: RESULT_LABELS[result][locale], siteName: s.site_name };
    }),
    collectionCode: code.code,
  };
}

/** A cadre issues (or reprints) a resident's 采集码, e.g. for an elderly person without a smartphone. */
export async function issueCollectionCode(ctx: AppContext, actor: Actor, personId: string): Promise<CollectionCodeView> {
  requirePermission(actor, 'testing.followup');
  const db = ctx.handle.db;
  const [person] = await peopleByIds(db, [personId]);
  if (!person || person.status !== 'active') throw new AppError('NOT_FOUND');
  requireRegion(actor, person.region_path);
  const code = await collectionCodeFor(db, person.id);
  const [view] = await personViews(ctx, actor, [person]);
  await audit(db, actor, { action: 'testing.collection_code.issue', subjectType: 'person', subjectId: person.id,
    regionPath: person.region_path });
  return { personId: person.id, name: view.name, regionName: view.regionName, code: code.code, issuedAt: code.issuedAt };
}
