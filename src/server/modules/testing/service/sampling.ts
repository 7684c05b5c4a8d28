import { can, requirePermission, requireRegion, type Actor } from '../../../platform/access.js';
import { audit, auditAll } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { maskName } from '../../../platform/pii.js';
import { displayName, regionNames } from '../../regions/index.js';
import { docIndexKey, peopleByIds, residentsByDocBidx, type ResidentRef } from '../../people/index.js';
import { DOC_TYPES, ID_SHAPED_DOC_TYPES, type DocType } from '../../../../shared/people.js';
import { validateIdNumber, validateMobile, validatePersonName } from '../../../../shared/validators/index.js';
import type { MySite, Scan, ScanAccepted, TubeDetail, TubeView } from '../../../../shared/contracts/testing/sampling.js';
import type { RoundRow, SampleRow, SiteRow, TubeRow, UnregisteredRow } from '../tables.js';
import { chinaDay } from '../../../../shared/dates.js';
import { decideSwab, sealState, tubeCapacity } from '../rules/pooling.js';
import * as rounds from '../store/rounds.js';
import * as sites from '../store/sites.js';
import * as store from '../store/sampling.js';
import { bumpCoverage, type CoverageDelta } from '../store/coverage.js';
import { namesOfRegions, openRounds, roundHolding, sitesById, sitesOfSamplers } from './scan-cache.js';
import { openMembershipsOf } from '../store/incidents.js';
import { linkRetests } from './incidents.js';

const HMT_PREFIX = /^8[123]/;
const MAINLAND_ID: readonly DocType[] = ['resident_id'];

/** A scan may be stamped a little ahead of the server's clock (phones drift), never more. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type ScanOutcome = { ok: true; accepted: ScanAccepted } | { ok: false; error: AppError };

export function tubeView(row: TubeRow): TubeView {
  return {
    id: row.id, barcode: row.barcode, roundId: row.round_id, siteId: row.site_id, capacity: row.capacity,
    memberCount: row.member_count, status: row.status, underfilled: row.underfilled === 1, purpose: row.purpose,
    openedAt: row.opened_at, sealedAt: row.sealed_at, result: row.result,
  };
}

async function openRoundsFor(ctx: AppContext, db: DbOrTx) {
  const open = await openRounds(ctx, db);
  return (site: SiteRow) => roundHolding(open, site);
}

/** The sampler's sites, each with its open round and the size of a new tube there: the phone page's start. */
export async function mySites(ctx: AppContext, actor: Actor): Promise<MySite[]> {
  requirePermission(actor, 'testing.sample');
  const db = ctx.handle.db;
  const assigned = await sites.assignmentsOf(db, [actor.userId]);
  const siteRows = (await sites.findSites(db, assigned.map((a) => a.site_id))).filter((s) => s.status === 'active');
  const [roundOf, names, open] = await Promise.all([
    openRoundsFor(ctx, db),
    regionNames(db, [...new Set(siteRows.flatMap((s) => s.region_path.split('/')))]),
    store.openTubesAt(db, siteRows.map((s) => s.id)),
  ]);
  return siteRows.map((site) => {
    const round = roundOf(site);
    return {
      siteId: site.id, siteName: site.name,
      regionName: displayName(site.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))),
      round: round ? { id: round.id, name: round.name, endsAt: round.ends_at } : null,
      capacity: round ? tubeCapacity(rounds.policyOf(round), site.zone_level, 'round') : 0,
      openTubes: open.filter((t) => t.site_id === site.id && t.round_id === round?.id)
        .map((t) => ({ barcode: t.barcode, capacity: t.capacity, memberCount: t.member_count })),
    };
  });
}

/** The site, if the sampler works there; a sampler at another site is refused (and the refusal audited). */
async function siteOfSampler(db: DbOrTx, actor: Actor, siteId: string): Promise<SiteRow> {
  requirePermission(actor, 'testing.sample');
  const [site] = await sites.findSites(db, [siteId]);
  const assigned = await sites.assignmentsOf(db, [actor.userId]);
  if (!site || !assigned.some((a) => a.site_id === siteId)) throw new AppError('NOT_SITE_SAMPLER', {}, { site: siteId });
  return site;
}

/**
 * Opens a tube at a site for its open round, its capacity from the round's pool policy; asking again
 * for the same open tube returns it (a page reloaded mid-tube carries on).
 */
export async function openTube(ctx: AppContext, actor: Actor, input: { barcode: string; siteId: string; purpose: 'round' | 'retest' }):
Promise<{ tube: TubeView; created: boolean }> {
  const db = ctx.handle.db;
  return inTransaction(db, async (tx) => {
    const site = await siteOfSampler(tx, actor, input.siteId);
    const round = (await openRoundsFor(ctx, tx))(site);
    if (!round) throw new AppError('NO_OPEN_ROUND');
    const existing = await store.findTubeByBarcode(tx, input.barcode);
    if (existing) {
      const params = { barcode: existing.barcode, site: site.name };
      if (existing.round_id !== round.id) throw new AppError('TUBE_OTHER_ROUND', params);
      if (existing.site_id !== site.id) throw new AppError('TUBE_OTHER_SITE', params);
      if (existing.status !== 'open') throw new AppError('TUBE_SEALED', params);
      return { tube: tubeView(existing), created: false };
    }
    const row = newTube(input.barcode, round, site, input.purpose, actor);
    await store.insertTubes(tx, [row]);
    return { tube: tubeView(row), created: true };
  });
}

function newTube(barcode: string, round: RoundRow, site: SiteRow, purpose: 'round' | 'retest', actor: Actor): TubeRow {
  return {
    id: newId(), barcode, round_id: round.id, site_id: site.id, region_path: site.region_path,
    capacity: tubeCapacity(rounds.policyOf(round), site.zone_level, purpose), member_count: 0, status: 'open',
    underfilled: 0, purpose, opened_at: nowIso(), opened_by: actor.userId, sealed_at: null, sealed_by: null, bag_id: null,
    lab_id: null, result: null, result_at: null,
  };
}

/** Seals a tube by hand before it is full; it is marked under-filled. Sealing a sealed tube is a no-op (offline replays). */
export async function sealTube(ctx: AppContext, actor: Actor, barcode: string): Promise<TubeView> {
  const db = ctx.handle.db;
  return inTransaction(db, async (tx) => {
    const tube = await store.findTubeByBarcode(tx, barcode);
    if (!tube) throw new AppError('TUBE_UNKNOWN', { barcode });
    await siteOfSampler(tx, actor, tube.site_id);
    if (tube.status !== 'open') return tubeView(tube);
    if (tube.member_count === 0) throw new AppError('INVALID_STATE');
    const sealed: TubeRow = { ...tube, status: 'sealed', sealed_at: nowIso(), sealed_by: actor.userId,
      underfilled: sealState({ capacity: tube.capacity, memberCount: tube.member_count }).underfilled ? 1 : 0 };
    await store.updateTube(tx, tube.id, { status: sealed.status, sealed_at: sealed.sealed_at, sealed_by: sealed.sealed_by,
      underfilled: sealed.underfilled });
    await audit(tx, actor, { action: 'testing.tube.seal', subjectType: 'testing_tube',
      subjectId: tube.id, regionPath: tube.region_path, detail: { barcode, members: tube.member_count } });
    return tubeView(sealed);
  });
}

/** A tube with its members (masked): for its samplers, and for cadres and leads whose regions hold its site. */
export async function getTube(ctx: AppContext, actor: Actor, barcode: string): Promise<TubeDetail> {
  const db = ctx.handle.db;
  const tube = await store.findTubeByBarcode(db, barcode);
  if (!tube) throw new AppError('TUBE_UNKNOWN', { barcode });
  if (can(actor, 'testing.sample')) await siteOfSampler(db, actor, tube.site_id);
  else {
    requirePermission(actor, 'testing.view');
    requireRegion(actor, tube.region_path);
  }
  const samples = await store.samplesInTubes(db, [tube.id]);
  const subjects = await subjectsOf(db, samples);
  return {
    ...tubeView(tube),
    members: samples.map((s) => {
      const who = subjects.get(s.subject_id);
      return { seq: s.seq, sampleId: s.id, name: who?.name ?? '', unregistered: s.subject_kind === 'unregistered',
        regionName: who?.regionName ?? null, sampledAt: s.sampled_at };
    }),
  };
}

/** Masked names and region names of sampled people and unregistered persons. */
async function subjectsOf(db: DbOrTx, samples: SampleRow[]): Promise<Map<string, { name: string; regionName: string | null }>> {
  const people = await peopleByIds(db, samples.filter((s) => s.subject_kind === 'person').map((s) => s.subject_id));
  const unregistered = await store.unregisteredByIds(db, samples.filter((s) => s.subject_kind === 'unregistered').map((s) => s.subject_id));
  const names = await regionNames(db, [...new Set(people.flatMap((p) => p.region_path.split('/')))]);
  const out = new Map<string, { name: string; regionName: string | null }>();
  for (const p of people) {
    out.set(p.id, { name: maskName(p.name), regionName: displayName(p.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))) });
  }
  for (const u of unregistered) out.set(u.id, { name: u.name, regionName: null });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The scan path. Scans arrive one per request from many samplers; the batcher hands them here in
// groups, and each group is one transaction: a handful of queries whatever its size, every scan
// answered on its own (one refused scan never holds back the others).

interface Resolved {
  scan: Scan;
  actor: Actor;
  /** Blind indexes of the ID number typed or scanned, one per document type. */
  docBidx?: string[];
  unregistered?: { name: string; docNumber: string | null; phone: string | null; address: string | null };
  error?: AppError;
}

/** Checks each scan on its own, before the database: permission, time, and the shape of who is swabbed. */
function resolve(ctx: AppContext, actor: Actor, scan: Scan, now: number): Resolved {
  const r: Resolved = { scan, actor };
  try {
    requirePermission(actor, 'testing.sample');
    if (Date.parse(scan.sampledAt) > now + CLOCK_SKEW_MS) throw new AppError('SCAN_TIME_INVALID');
    const subject = scan.subject;
    if ('idNumber' in subject) {
      const number = subject.idNumber.trim().toUpperCase();
      // A well-formed ID number can only be a resident ID, or a residence permit when it starts 81/82/83
      // (Hong Kong, Macao, Taiwan): one or two lookups instead of one per document type.
      const types = !validateIdNumber(number).ok ? DOC_TYPES : HMT_PREFIX.test(number) ? ID_SHAPED_DOC_TYPES : MAINLAND_ID;
      r.docBidx = types.map((t) => ctx.pii.blindIndex('doc', docIndexKey(t, number)));
    } else if ('unregistered' in subject) {
      const u = subject.unregistered;
      const name = validatePersonName(u.name);
      if (!name.ok) throw validationError([{ field: 'subject.unregistered.name', code: name.code }]);
      let docNumber: string | null = null;
      if (u.idNumber) {
        const id = validateIdNumber(u.idNumber);
        if (!id.ok) throw validationError([{ field: 'subject.unregistered.idNumber', code: id.code, params: id.params }]);
        docNumber = id.value.number;
      }
      let phone: string | null = null;
      if (u.phone) {
        const p = validateMobile(u.phone);
        if (!p.ok) throw validationError([{ field: 'subject.unregistered.phone', code: p.code }]);
        phone = p.value;
      }
      r.unregistered = { name: name.value, docNumber, phone, address: u.address?.trim() || null };
    }
  } catch (err) {
    r.error = err instanceof AppError ? err : new AppError('INTERNAL');
  }
  return r;
}

export async function recordScans(ctx: AppContext, requests: { actor: Actor; scan: Scan }[]): Promise<ScanOutcome[]> {
  const now = Date.now();
  const items = requests.map((q) => resolve(ctx, q.actor, q.scan, now));
  const live = items.filter((i) => !i.error);
  const db = ctx.handle.db;
  const outcomes = await inTransaction(db, (tx) => writeScans(ctx, tx, live));
  return items.map((i) => (i.error ? { ok: false, error: i.error } : outcomes.get(i)!));
}

async function writeScans(ctx: AppContext, tx: DbOrTx, items: Resolved[]): Promise<Map<Resolved, ScanOutcome>> {
  const out = new Map<Resolved, ScanOutcome>();
  if (items.length === 0) return out;
  const fail = (i: Resolved, code: AppError['code'], params: Record<string, unknown> = {}) =>
    out.set(i, { ok: false, error: new AppError(code, params) });

  // Everything the group needs, asked once.
  const codes = items.flatMap((i) => ('collectionCode' in i.scan.subject ? [i.scan.subject.collectionCode] : []));
  const [replayed, tubeRows, byDoc, codeRows, assigned, sitesByIdMap, roundOf] = await Promise.all([
    store.samplesByIds(tx, items.map((i) => i.scan.id)),
    store.tubesByBarcodes(tx, [...new Set(items.map((i) => i.scan.tubeBarcode))], ctx.handle.dialect === 'postgres'),
    residentsByDocBidx(tx, items.flatMap((i) => i.docBidx ?? [])),
    store.collectionCodes(tx, codes),
    sitesOfSamplers(ctx, tx, [...new Set(items.map((i) => i.actor.userId))]),
    sitesById(ctx, tx, [...new Set(items.map((i) => i.scan.siteId))]),
    openRoundsFor(ctx, tx),
  ]);
  const siteRows = [...sitesByIdMap.values()];
  const replays = new Map(replayed.map((s) => [s.id, s]));
  const tubes = new Map(tubeRows.map((t) => [t.barcode, t]));
  // Tubes first seen in this group are made before anything else and read back locked: another node
  // writing at the same time may be making the same tube, and then both use its one row.
  const newTubes = new Map<string, TubeRow>();
  for (const i of items) {
    const barcode = i.scan.tubeBarcode;
    if (tubes.has(barcode) || newTubes.has(barcode) || replays.has(i.scan.id)) continue;
    const site = sitesByIdMap.get(i.scan.siteId);
    const round = site && assigned.get(i.actor.userId)?.has(site.id) ? roundOf(site) : undefined;
    if (site && round) newTubes.set(barcode, newTube(barcode, round, site, i.scan.purpose, i.actor));
  }
  if (newTubes.size > 0) {
    await store.insertTubesIfAbsent(tx, [...newTubes.values()]);
    for (const t of await store.tubesByBarcodes(tx, [...newTubes.keys()], ctx.handle.dialect === 'postgres')) tubes.set(t.barcode, t);
  }
  const tubeList = [...tubes.values()];
  const personByBidx = new Map<string, ResidentRef>();
  for (const p of byDoc) if (p.status === 'active') personByBidx.set(p.doc_number_bidx, p);
  const codePeople = await peopleByIds(tx, codeRows.map((c) => c.person_id));
  const personByCode = new Map(codeRows.map((c) => [c.code, codePeople.find((p) => p.id === c.person_id)]));
  const personOf = (i: Resolved): ResidentRef | undefined => {
    const s = i.scan.subject;
    if ('collectionCode' in s) return personByCode.get(s.collectionCode);
    return i.docBidx?.map((b) => personByBidx.get(b)).find(Boolean);
  };
  const people = new Map<Resolved, ResidentRef>();
  for (const i of items) {
    const p = personOf(i);
    if (p) people.set(i, p);
  }
  const personIds = [...new Set([...people.values()].map((p) => p.id))];
  const [inTubes, seen, memberships] = await Promise.all([
    store.samplesInTubes(tx, tubeList.filter((t) => t.status === 'open').map((t) => t.id)),
    store.roundPeople(tx, [...new Set(tubeList.map((t) => t.round_id).concat(siteRows.map((s) => roundOf(s)?.id ?? '')))]
      .filter(Boolean), personIds),
    openMembershipsOf(tx, personIds),
  ]);
  const inTube = new Set(inTubes.map((s) => `${s.tube_id}|${s.subject_id}`));
  const lastToday = new Map(seen.map((r) => [`${r.round_id}|${r.person_id}`, r.last_sampled_at]));
  const awaiting = new Map(memberships.map((m) => [m.subject_id, m]));

  const touched = new Map<string, TubeRow>();
  const samples: SampleRow[] = [];
  const unregistered: UnregisteredRow[] = [];
  const firstInRound: { round_id: string; person_id: string; first_sampled_at: string; last_sampled_at: string; region_code: string; region_path: string }[] = [];
  const again: { roundId: string; personId: string; at: string }[] = [];
  const retests: { incidentId: string; subjectId: string; tubeId: string }[] = [];
  // Each sample row says who swabbed whom and when; the audit log gets one line per sampler per group.
  const swabsBy = new Map<string, { actor: Actor; site: string; tubes: Set<string>; count: number }>();
  const accepted: { item: Resolved; sample: SampleRow; tube: TubeRow; name: string; regionPath: string | null }[] = [];
  const receivedAt = nowIso();
  // The same scan twice in one group (a queue re-sent while its first sending was in flight).
  const madeNow = new Map<string, SampleRow>();

  for (const i of items) {
    const { scan, actor } = i;
    const replay = replays.get(scan.id) ?? madeNow.get(scan.id);
    if (replay) {
      accepted.push({ item: i, sample: replay, tube: tubeList.find((t) => t.id === replay.tube_id)!,
        name: '', regionPath: null });
      continue;
    }
    const site = sitesByIdMap.get(scan.siteId);
    if (!site || !assigned.get(actor.userId)?.has(scan.siteId)) {
      fail(i, 'NOT_SITE_SAMPLER');
      continue;
    }
    const round = roundOf(site);
    if (!round) {
      fail(i, 'NO_OPEN_ROUND');
      continue;
    }
    if (Date.parse(scan.sampledAt) < Date.parse(round.starts_at)) {
      fail(i, 'SCAN_TIME_INVALID');
      continue;
    }
    const person = people.get(i);
    if (!person && !i.unregistered) {
      const s = scan.subject;
      if ('collectionCode' in s) fail(i, 'COLLECTION_CODE_UNKNOWN');
      else if ('idNumber' in s) {
        const id = validateIdNumber(s.idNumber);
        if (!id.ok) out.set(i, { ok: false, error: validationError([{ field: 'subject.idNumber', code: id.code, params: id.params }]) });
        else fail(i, 'PERSON_NOT_REGISTERED');
      }
      continue;
    }
    const tube = tubes.get(scan.tubeBarcode);
    if (!tube) {
      fail(i, 'NO_OPEN_ROUND');
      continue;
    }
    const subjectId = person?.id ?? newId();
    const name = person ? maskName(person.name) : i.unregistered!.name;
    const sampledToday = person ? lastToday.get(`${round.id}|${person.id}`) : undefined;
    const membership = person ? awaiting.get(person.id) : undefined;
    const decision = decideSwab(
      { status: tube.status, capacity: tube.capacity, memberCount: tube.member_count, roundId: tube.round_id, siteId: tube.site_id },
      { roundId: round.id, siteId: site.id, alreadyInTube: inTube.has(`${tube.id}|${subjectId}`),
        sampledTodayAt: sampledToday && chinaDay(sampledToday) === chinaDay(scan.sampledAt) ? sampledToday : null,
        repeatReason: scan.repeatReason, awaitingRetest: !!membership },
    );
    if (!decision.ok) {
      fail(i, decision.code, { ...decision.params, barcode: tube.barcode, site: site.name, name,
        time: sampledToday ? new Date(sampledToday).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '' });
      continue;
    }
    const at = scan.sampledAt;
    tube.member_count = decision.seq;
    if (decision.seals) Object.assign(tube, { status: 'sealed', sealed_at: receivedAt, sealed_by: actor.userId, underfilled: 0 });
    touched.set(tube.id, tube);
    inTube.add(`${tube.id}|${subjectId}`);
    const regionCode = person?.region_code ?? site.region_code;
    const regionPath = person?.region_path ?? site.region_path;
    const sample: SampleRow = {
      id: scan.id, round_id: round.id, tube_id: tube.id, seq: decision.seq, subject_kind: person ? 'person' : 'unregistered',
      subject_id: subjectId, region_code: regionCode, region_path: regionPath, site_id: site.id, sampler_id: actor.userId,
      sampled_at: at, received_at: receivedAt, repeat_reason: scan.repeatReason ?? null,
    };
    samples.push(sample);
    madeNow.set(sample.id, sample);
    if (person) {
      const key = `${round.id}|${person.id}`;
      if (lastToday.has(key)) again.push({ roundId: round.id, personId: person.id, at });
      else firstInRound.push({ round_id: round.id, person_id: person.id, first_sampled_at: at, last_sampled_at: at,
        region_code: regionCode, region_path: regionPath });
      lastToday.set(key, at);
      if (membership && !membership.retest_tube_id && tube.capacity === 1) {
        retests.push({ incidentId: membership.incident_id, subjectId: person.id, tubeId: tube.id });
      }
    } else {
      const u = i.unregistered!;
      unregistered.push({
        id: subjectId, round_id: round.id, site_id: site.id, region_code: site.region_code, region_path: site.region_path,
        name: u.name, doc_number_enc: u.docNumber ? ctx.pii.encrypt(u.docNumber) : null,
        doc_number_bidx: u.docNumber ? ctx.pii.blindIndex('doc', docIndexKey('resident_id', u.docNumber)) : null,
        phone_enc: u.phone ? ctx.pii.encrypt(u.phone) : null, phone_bidx: u.phone ? ctx.pii.blindIndex('phone', u.phone) : null,
        address: u.address, status: 'open', person_id: null, sampled_at: at, created_by: actor.userId,
      });
    }
    const group = swabsBy.get(actor.userId) ?? swabsBy.set(actor.userId, { actor, site: site.id, tubes: new Set(), count: 0 }).get(actor.userId)!;
    group.count += 1;
    group.tubes.add(tube.barcode);
    accepted.push({ item: i, sample, tube, name, regionPath });
  }

  // The writes, once for the group.
  await store.insertUnregistered(tx, unregistered);
  await store.insertSamples(tx, samples);
  const fresh = await store.recordRoundPeople(tx, firstInRound);
  for (const a of again) await store.touchRoundPerson(tx, a.roundId, a.personId, a.at);
  await store.updateTubeFills(ctx.handle, tx, [...touched.values()]);
  const deltas = new Map<string, { roundId: string; delta: CoverageDelta }>();
  const add = (roundId: string, code: string, path: string, field: 'tested' | 'unregistered') => {
    const key = `${roundId}|${code}`;
    const d = deltas.get(key) ?? { roundId, delta: { regionCode: code, regionPath: path, tested: 0, unregistered: 0 } };
    d.delta[field] = (d.delta[field] ?? 0) + 1;
    deltas.set(key, d);
  };
  for (const r of fresh) add(r.round_id, r.region_code, r.region_path, 'tested');
  for (const u of unregistered) add(u.round_id, u.region_code, u.region_path, 'unregistered');
  const byRound = new Map<string, CoverageDelta[]>();
  for (const { roundId, delta } of deltas.values()) byRound.set(roundId, [...(byRound.get(roundId) ?? []), delta]);
  for (const [roundId, list] of byRound) await bumpCoverage(tx, roundId, list);
  if (retests.length > 0) await linkRetests(tx, retests);
  await auditAll(tx, [...swabsBy.values()].map((g) => ({ who: g.actor, entry: { action: 'testing.scan',
    subjectType: 'testing_site', subjectId: g.site, detail: { samples: g.count, tubes: [...g.tubes] } } })));


  // Answers, with region names for the people just sampled (replays are answered from what was stored).
  const replayPeople = await subjectsOf(tx, accepted.filter((a) => a.regionPath === null).map((a) => a.sample));
  const replayTubes = await store.tubesByIds(tx, [...new Set(accepted.filter((a) => !a.tube).map((a) => a.sample.tube_id))]);
  const names = await namesOfRegions(ctx, tx, [...new Set(accepted.flatMap((a) => a.regionPath?.split('/') ?? []))]);
  for (const a of accepted) {
    const replay = a.regionPath === null;
    const tube = a.tube ?? replayTubes.find((t) => t.id === a.sample.tube_id)!;
    const who = replay ? replayPeople.get(a.sample.subject_id) : undefined;
    out.set(a.item, { ok: true, accepted: {
      id: a.sample.id, replay, seq: a.sample.seq,
      person: {
        name: replay ? who?.name ?? '' : a.name,
        regionName: replay ? who?.regionName ?? null
          : a.sample.subject_kind === 'person' ? displayName(a.regionPath!.split('/').map((c) => ({ name: names.get(c) ?? c }))) : null,
        unregistered: a.sample.subject_kind === 'unregistered',
      },
      tube: { barcode: tube.barcode, capacity: tube.capacity, memberCount: tube.member_count, status: tube.status },
    } });
  }
  return out;
}
