import type { PoolPolicy, PoolSize, ResponseParameters, ZoneLevel } from './types.js';
import type { ErrorCode } from '../../../../shared/messages.js';

/** The round's pool policy when none is given: the response's pool sizes by zone, retests in single tubes. */
export function defaultPolicy(parameters: ResponseParameters): PoolPolicy {
  const z = parameters.poolSizeByZone;
  return { byZone: { high: asPoolSize(z.high), medium: asPoolSize(z.medium), low: asPoolSize(z.low), none: asPoolSize(z.none) },
    byCategory: { incident_member: 1 } };
}

function asPoolSize(n: number): PoolSize {
  return n === 1 || n === 5 || n === 10 || n === 20 ? n : 10;
}

/** How many swabs a new tube takes: a retest tube one, otherwise the pool size of the site's zone. */
export function tubeCapacity(policy: PoolPolicy, zone: ZoneLevel, purpose: 'round' | 'retest'): PoolSize {
  return purpose === 'retest' ? policy.byCategory.incident_member : policy.byZone[zone];
}

export interface TubeState {
  status: string;
  capacity: number;
  memberCount: number;
  roundId: string;
  siteId: string;
}

export interface SwabAttempt {
  roundId: string;
  siteId: string;
  /** The person is already in this tube. */
  alreadyInTube: boolean;
  /** When the person was last sampled in this round today (China time), if they were. */
  sampledTodayAt: string | null;
  repeatReason: string | undefined;
  /** The person is a member of a positive pool awaiting a single-tube retest. */
  awaitingRetest: boolean;
}

export type SwabDecision =
  | { ok: true; seq: number; seals: boolean }
  | { ok: false; code: ErrorCode; params?: Record<string, unknown> };

/**
 * Whether one more swab may go into a tube, and what follows: its place in the tube and whether the
 * tube seals itself (it does at capacity). Refusals are in the order a sampler would want to hear them.
 */
export function decideSwab(tube: TubeState, swab: SwabAttempt): SwabDecision {
  if (tube.roundId !== swab.roundId) return { ok: false, code: 'TUBE_OTHER_ROUND' };
  if (tube.siteId !== swab.siteId) return { ok: false, code: 'TUBE_OTHER_SITE' };
  if (tube.status !== 'open') return { ok: false, code: 'TUBE_SEALED' };
  if (tube.memberCount >= tube.capacity) return { ok: false, code: 'TUBE_FULL', params: { capacity: tube.capacity } };
  if (swab.alreadyInTube) return { ok: false, code: 'PERSON_ALREADY_IN_TUBE' };
  if (swab.awaitingRetest && tube.capacity > 1) return { ok: false, code: 'NEEDS_SINGLE_TUBE' };
  // A retest is the reason: a member of a positive pool is sampled again the same day by design.
  if (swab.sampledTodayAt && !swab.repeatReason && !swab.awaitingRetest) return { ok: false, code: 'SAMPLED_TODAY' };
  const seq = tube.memberCount + 1;
  return { ok: true, seq, seals: seq === tube.capacity };
}

/** A tube sealed by hand with fewer swabs than it holds must be marked (DOMAIN.md §2.1). */
export function sealState(tube: { capacity: number; memberCount: number }): { underfilled: boolean } {
  return { underfilled: tube.memberCount < tube.capacity };
}

