import { sql } from 'kysely';
import { amongKeys, keyChunks, underAnyPath, type DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { HouseholdRow, PersonRow, PersonTagRow } from './tables.js';

export interface PeopleFilter {
  /** Region path prefixes the result must lie under (the actor's scope, intersected with the request). */
  paths: string[];
  name?: string;
  docBidx?: string[];
  phoneBidx?: string;
  tag?: string;
  /** For derived age tags: born on or before this date. */
  bornOnOrBefore?: string;
}

function filtered(db: DbOrTx, f: PeopleFilter) {
  let q = db.selectFrom('people').where('people.status', '=', 'active').where(underAnyPath('people.region_path', f.paths));
  if (f.name) q = q.where('people.name', 'like', `${f.name.replace(/[%_]/g, '')}%`);
  if (f.docBidx) q = q.where('people.doc_number_bidx', 'in', f.docBidx);
  if (f.phoneBidx) q = q.where('people.phone_bidx', '=', f.phoneBidx);
  if (f.bornOnOrBefore) q = q.where('people.birth_date', '<=', f.bornOnOrBefore);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('person_tags').select(sql`1`.as('x')).whereRef('person_tags.person_id', '=', 'people.id')
        .where('person_tags.tag', '=', tag)),
    );
  }
  return q;
}

/** Whether the filter is by region alone, so the region counters give the total without a COUNT. */
export const regionOnly = (f: PeopleFilter) => !f.name && !f.docBidx && !f.phoneBidx && !f.tag && !f.bornOnOrBefore;

export async function pageOfPeople(db: DbOrTx, f: PeopleFilter, page: { offset: number; limit: number }): Promise<PersonRow[]> {
  if (f.paths.length === 0) return [];
  return filtered(db, f).selectAll('people').orderBy('people.region_path').orderBy('people.id').offset(page.offset)
    .limit(page.limit).execute();
}

export async function countPeople(db: DbOrTx, f: PeopleFilter): Promise<number> {
  if (f.paths.length === 0) return 0;
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every person under the paths, in ledger order, a page at a time (exports). */
export async function* streamPeople(db: DbOrTx, f: PeopleFilter, batch = 5000): AsyncGenerator<PersonRow[]> {
  let after: { path: string; id: string } | null = null;
  for (;;) {
    let q = filtered(db, f).selectAll('people');
    if (after) {
      const a: { path: string; id: string } = after;
      q = q.where((eb) => eb.or([eb('people.region_path', '>', a.path),
        eb.and([eb('people.region_path', '=', a.path), eb('people.id', '>', a.id)])]));
    }
    const rows = await q.orderBy('people.region_path').orderBy('people.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { path: last.region_path, id: last.id };
  }
}

export async function findPerson(db: DbOrTx, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPeopleByDocBidx(db: DbOrTx, bidx: string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (let i = 0; i < bidx.length; i += 500) {
    out.push(...(await db.selectFrom('people').selectAll().where('doc_number_bidx', 'in', bidx.slice(i, i + 500)).execute()));
  }
  return out;
}

/** Just what a scan needs of the people holding these blind indexes (no encrypted columns). */
export async function residentsByDocBidx(db: DbOrTx, bidx: string[]): Promise<ResidentRef[]> {
  const out: ResidentRef[] = [];
  for (let i = 0; i < bidx.length; i += 500) {
    out.push(...(await db.selectFrom('people').select(['id', 'name', 'region_code', 'region_path', 'status', 'doc_number_bidx'])
      .where('doc_number_bidx', 'in', bidx.slice(i, i + 500)).execute()));
  }
  return out;
}

export type ResidentRef = Pick<PersonRow, 'id' | 'name' | 'region_code' | 'region_path' | 'status' | 'doc_number_bidx'>;

export async function tagsOf(db: DbOrTx, personIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('person_tags').select(['person_id', 'tag'])
      .where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.tag]);
  }
  return map;
}

export async function updatePerson(db: DbOrTx, id: string, patch: Partial<PersonRow>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

export async function replaceTags(db: DbOrTx, personId: string, tags: PersonTagRow[]): Promise<void> {
  await db.deleteFrom('person_tags').where('person_id', '=', personId).execute();
  if (tags.length > 0) await db.insertInto('person_tags').values(tags).execute();
}

export async function findHousehold(db: DbOrTx, regionCode: string, address: string): Promise<HouseholdRow | undefined> {
  return db.selectFrom('households').selectAll().where('region_code', '=', regionCode).where('address', '=', address)
    .executeTakeFirst();
}

export async function createHousehold(db: DbOrTx, regionCode: string, regionPath: string, address: string): Promise<string> {
  const id = newId();
  await db.insertInto('households').values({ id, region_code: regionCode, region_path: regionPath, address, created_at: nowIso() })
    .execute();
  return id;
}

export async function householdsAt(db: DbOrTx, regionCodes: string[]): Promise<HouseholdRow[]> {
  const out: HouseholdRow[] = [];
  for (let i = 0; i < regionCodes.length; i += 500) {
    out.push(...(await db.selectFrom('households').selectAll().where('region_code', 'in', regionCodes.slice(i, i + 500)).execute()));
  }
  return out;
}

/** Residents and households per leaf region (optionally only under some paths), for counters after bulk loads. */
export async function countsByLeaf(db: DbOrTx, paths?: string[]): Promise<{ code: string; path: string; households: number; residents: number }[]> {
  if (paths && paths.length === 0) return [];
  const residents = await db.selectFrom('people').select(['region_code', 'region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active').$if(!!paths, (q) => q.where(underAnyPath('region_path', paths!)))
    .groupBy(['region_code', 'region_path']).execute();
  const households = await db.selectFrom('households').select(['region_code', 'region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(!!paths, (q) => q.where(underAnyPath('region_path', paths!)))
    .groupBy(['region_code', 'region_path']).execute();
  const map = new Map<string, { code: string; path: string; households: number; residents: number }>();
  const at = (code: string, path: string) => map.get(code) ?? map.set(code, { code, path, households: 0, residents: 0 }).get(code)!;
  for (const r of residents) at(r.region_code, r.region_path).residents = Number(r.n);
  for (const h of households) at(h.region_code, h.region_path).households = Number(h.n);
  return [...map.values()];
}

export async function peopleByIds(db: DbOrTx, ids: string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await db.selectFrom('people').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return out;
}

/** Where people live (and their names and status), for many ids at once: what other modules file their records under. */
export async function residencesOf(db: DbOrTx, ids: string[]): Promise<Pick<PersonRow, 'id' | 'name' | 'region_code' | 'region_path' | 'status'>[]> {
  const out: Pick<PersonRow, 'id' | 'name' | 'region_code' | 'region_path' | 'status'>[] = [];
  for (const part of keyChunks(db, ids)) {
    out.push(...await db.selectFrom('people').select(['id', 'name', 'region_code', 'region_path', 'status']).where(amongKeys(db, 'id', part)).execute());
  }
  return out;
}

/** Households under any of `paths` and also under any of `within` (e.g. a reader's scope and a round's regions). */
export async function countHouseholds(db: DbOrTx, paths: string[], within: string[]): Promise<number> {
  if (paths.length === 0 || within.length === 0) return 0;
  const row = await db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(underAnyPath('region_path', paths)).where(underAnyPath('region_path', within)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids and residences of the active residents under the paths, in ledger order (lists built by other modules). */
export async function residentsUnder(db: DbOrTx, paths: string[]): Promise<{ id: string; region_code: string; region_path: string }[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('people').select(['id', 'region_code', 'region_path']).where('status', '=', 'active')
    .where(underAnyPath('region_path', paths)).orderBy('region_path').orderBy('id').execute();
}

/** Active residents per leaf region under the paths, by path alone (one ordered index scan): the recount a reconciliation needs. */
export async function residentsPerLeaf(db: DbOrTx, paths: string[]): Promise<{ code: string; path: string; residents: number }[]> {
  if (paths.length === 0) return [];
  const rows = await db.selectFrom('people').select(['region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active').where(underAnyPath('region_path', paths)).groupBy('region_path').execute();
  return rows.map((r) => ({ code: r.region_path.slice(r.region_path.lastIndexOf('/') + 1), path: r.region_path, residents: Number(r.n) }));
}

/** Households by id, and every household under some paths (door-to-door lists of other modules). */
export async function householdsByIds(db: DbOrTx, ids: string[]): Promise<HouseholdRow[]> {
  const out: HouseholdRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await db.selectFrom('households').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return out;
}

export async function householdsUnder(db: DbOrTx, paths: string[]): Promise<HouseholdRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('households').selectAll().where(underAnyPath('region_path', paths)).orderBy('region_path').orderBy('address').execute();
}

/** The active people of some households (no encrypted columns): who may be found at home. */
export async function membersOfHouseholds(db: DbOrTx, householdIds: string[]): Promise<Pick<PersonRow, 'id' | 'name' | 'household_id' | 'birth_date' | 'gender'>[]> {
  const out: Pick<PersonRow, 'id' | 'name' | 'household_id' | 'birth_date' | 'gender'>[] = [];
  for (let i = 0; i < householdIds.length; i += 500) {
    out.push(...(await db.selectFrom('people').select(['id', 'name', 'household_id', 'birth_date', 'gender'])
      .where('household_id', 'in', householdIds.slice(i, i + 500)).where('status', '=', 'active').orderBy('id').execute()));
  }
  return out;
}

/** Active residents under a path with their names and households, by one range of the path index (a grid's day list). */
export async function residentsWithHouseholds(db: DbOrTx, path: string): Promise<Pick<PersonRow, 'id' | 'name' | 'household_id' | 'address'>[]> {
  return db.selectFrom('people').select(['id', 'name', 'household_id', 'address'])
    .where(underAnyPath('region_path', [path])).where('status', '=', 'active').execute();
}
