import { can, requirePermission, requireRegion, scopePaths, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../platform/db/index.js';
import { AppError, validationError } from '../../platform/errors.js';
import { addToCounts, displayName, findRegion, findRegions, type RegionRow } from '../regions/index.js';
import { DOC_TYPES, DERIVED_TAGS, bornOnOrBefore, type RecordedTag } from '../../../shared/people.js';
import { todayInChina, validateMobile } from '../../../shared/validators/index.js';
import type { NewPerson, PeoplePage, PeopleQuery, PersonView } from '../../../shared/contracts/people.js';
import type { PersonRow } from './tables.js';
import { householdKey, loadResidents } from './load.js';
import { checkPerson, docIndexKey, toPersonView } from './rules.js';
import * as store from './store.js';

export async function searchPeople(ctx: AppContext, actor: Actor, q: PeopleQuery): Promise<PeoplePage> {
  requirePermission(actor, 'people.view');
  const db = ctx.handle.db;
  const requested = q.region ? await regionOrNotFound(db, q.region) : undefined;
  const filter: store.PeopleFilter = { paths: scopePaths(actor, requested?.path), name: q.name };
  if (q.idNumber) {
    const number = q.idNumber.trim().toUpperCase();
    filter.docBidx = DOC_TYPES.map((t) => ctx.pii.blindIndex('doc', docIndexKey(t, number)));
  }
  if (q.phone) {
    const phone = validateMobile(q.phone);
    if (!phone.ok) throw validationError([{ field: 'phone', code: phone.code }]);
    filter.phoneBidx = ctx.pii.blindIndex('phone', phone.value);
  }
  const today = todayInChina();
  if (q.tag === 'age_60' || q.tag === 'age_80') filter.bornOnOrBefore = bornOnOrBefore(today, q.tag === 'age_60' ? 60 : 80);
  else if (q.tag) filter.tag = q.tag;

  const rows = await store.pageOfPeople(db, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  // A first page that is not full is the whole answer (an exact lookup, usually); a ledger page by
  // region alone takes its total from the region counters kept on every write; only the rest count.
  const total = q.page === 1 && rows.length < q.pageSize
    ? rows.length
    : store.regionOnly(filter)
      ? (await findRegions(db, filter.paths.map((p) => p.split('/').pop()!))).reduce((n, r) => n + r.resident_count, 0)
      : await store.countPeople(db, filter);
  // Looking a person up by identifier is access to that person: recorded, even when nothing matched.
  // The record and the page's views are independent: on PostgreSQL they go out at once.
  const [items] = await Promise.all([
    views(ctx, actor, rows),
    q.idNumber || q.phone
      ? audit(db, actor, { action: 'people.lookup', subjectType: 'person', subjectId: rows[0]?.id,
        detail: { by: q.idNumber ? 'idNumber' : 'phone', matches: total } })
      : undefined,
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getPerson(ctx: AppContext, actor: Actor, id: string): Promise<PersonView> {
  requirePermission(actor, 'people.view');
  const row = await store.findPerson(ctx.handle.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.region_path);
  const [view] = await views(ctx, actor, [row]);
  return view;
}

export async function createPerson(ctx: AppContext, actor: Actor, input: NewPerson): Promise<PersonView> {
  requirePermission(actor, 'people.capture');
  const db = ctx.handle.db;
  const checked = checkPerson(input, { today: todayInChina() });
  const region = await findRegion(db, input.regionCode.trim());
  const issues = checked.ok ? [] : [...checked.issues];
  if (!region) issues.push({ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } });
  else if (region.level !== 'grid' && region.level !== 'building') {
    issues.push({ field: 'regionCode', code: 'REGION_NOT_GRID', params: { value: region.name } });
  }
  if (!checked.ok || !region || issues.length > 0) throw validationError(issues);
  requireRegion(actor, region.path, 'capture');
  const person = checked.value;
  const docBidx = ctx.pii.blindIndex('doc', docIndexKey(person.docType, person.docNumber));

  const id = await inTransaction(db, async (tx) => {
    const [existing] = await store.findPeopleByDocBidx(tx, [docBidx]);
    if (existing) {
      const where = await findRegion(tx, existing.region_code);
      throw new AppError('DUPLICATE_PERSON', { name: existing.name, region: where?.name ?? existing.region_code },
        { personId: existing.id });
    }
    const address = input.address?.trim() || null;
    const households = new Map<string, string>();
    const household = address ? await store.findHousehold(tx, region.code, address) : undefined;
    if (household && address) households.set(householdKey(region.code, address), household.id);
    const loaded = await loadResidents(ctx, tx, [{ ...person, region, address, tags: input.tags, docBidx }], actor.userId,
      households);
    for (const [, c] of loaded.byRegion) await addToCounts(tx, c.path, c.households, c.residents);
    const [id] = loaded.ids;
    await audit(tx, actor, { action: 'people.create', subjectType: 'person', subjectId: id, regionPath: region.path });
    return id;
  });
  return getPerson(ctx, actor, id);
}

/** Shows identifiers in clear to a user allowed to, for a stated reason, and records it. */
export async function unmaskPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { fields: ('docNumber' | 'phone' | 'name')[]; reason: string },
): Promise<{ docNumber?: string; phone?: string | null; name?: string }> {
  requirePermission(actor, 'people.unmask');
  const db = ctx.handle.db;
  const row = await store.findPerson(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.region_path);
  const fields = [...new Set(input.fields)];
  await audit(db, actor, { action: 'people.unmask', subjectType: 'person', subjectId: id, regionPath: row.region_path,
    reason: input.reason, detail: { fields } });
  return {
    ...(fields.includes('docNumber') ? { docNumber: ctx.pii.decrypt(row.doc_number_enc) } : {}),
    ...(fields.includes('phone') ? { phone: row.phone_enc ? ctx.pii.decrypt(row.phone_enc) : null } : {}),
    ...(fields.includes('name') ? { name: row.name } : {}),
  };
}

async function regionOrNotFound(db: DbOrTx, code: string): Promise<RegionRow> {
  const region = await findRegion(db, code);
  if (!region) throw new AppError('NOT_FOUND', {}, { region: code });
  return region;
}

/** Masked views of person rows, with their regions' names and tags looked up once per page. */
export async function views(ctx: AppContext, actor: Actor, rows: PersonRow[]): Promise<PersonView[]> {
  const db = ctx.handle.db;
  const codes = new Set<string>();
  for (const r of rows) for (const c of r.region_path.split('/')) codes.add(c);
  const [regionRows, tags] = await Promise.all([findRegions(db, [...codes]), store.tagsOf(db, rows.map((r) => r.id))]);
  const regions = new Map(regionRows.map((r) => [r.code, r]));
  const today = todayInChina();
  const showName = can(actor, 'people.unmask');
  return rows.map((row) =>
    toPersonView({
      row,
      docNumber: ctx.pii.decrypt(row.doc_number_enc),
      phone: row.phone_enc ? ctx.pii.decrypt(row.phone_enc) : null,
      regionName: displayName(row.region_path.split('/').map((c) => ({ name: regions.get(c)?.name ?? c }))),
      recordedTags: (tags.get(row.id) ?? []).filter((t) => !(DERIVED_TAGS as readonly string[]).includes(t)) as RecordedTag[],
      today,
      showName,
    }),
  );
}

/**
 * The active person holding a document number, whatever its type, without an access check: for
 * callers that check their own way (a resident proving who they are, a sampler's scan).
 */
export async function personByDocNumber(ctx: AppContext, db: DbOrTx, number: string): Promise<PersonRow | undefined> {
  const normalized = number.trim().toUpperCase();
  const rows = await store.findPeopleByDocBidx(db, DOC_TYPES.map((t) => ctx.pii.blindIndex('doc', docIndexKey(t, normalized))));
  return rows.find((r) => r.status === 'active');
}
