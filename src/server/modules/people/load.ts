import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { newId, nowIso } from '../../platform/ids.js';
import { Sealer, type Sealed } from '../../platform/sealer.js';
import type { RecordedTag } from '../../../shared/people.js';
import type { HouseholdRow, PersonRow, PersonTagRow } from './tables.js';
import { docIndexKey, type CheckedPerson } from './rules.js';

/** A validated resident placed in a region, ready for a bulk load (seed or import). */
export interface ResidentToLoad extends CheckedPerson {
  region: { code: string; path: string };
  address: string | null;
  tags: RecordedTag[];
  /** The blind index of the document, when the caller already computed it (imports do, to find duplicates). */
  docBidx?: string;
  /** The identifiers already encrypted (imports seal them on another core while they check rows). */
  sealed?: Sealed;
}

/** How loadResidents knows a household already exists: its region and address. */
export const householdKey = (regionCode: string, address: string) => `${regionCode}|${address}`;

/**
 * Writes many new residents (and any new households their addresses name) in the caller's
 * transaction.
 */
export async function loadResidents(
  ctx: AppContext,
  tx: DbOrTx,
  residents: ResidentToLoad[],
  createdBy: string | null,
  existingHouseholds: Map<string, string> = new Map(),
): Promise<{ ids: string[]; households: number; byRegion: Map<string, { path: string; households: number; residents: number }> }> {
  const now = nowIso();
  await sealMissing(ctx, residents);
  const households: HouseholdRow[] = [];
  const people: PersonRow[] = [];
  const tags: PersonTagRow[] = [];
  for (const r of residents) {
    let householdId: string | null = null;
    if (r.address) {
      const key = householdKey(r.region.code, r.address);
      householdId = existingHouseholds.get(key) ?? null;
      if (!householdId) {
        householdId = newId();
        existingHouseholds.set(key, householdId);
        households.push({ id: householdId, region_code: r.region.code, region_path: r.region.path, address: r.address,
          created_at: now });
      }
    }
    const id = newId();
    const [docEnc, phoneEnc, phoneBidx] = r.sealed!;
    people.push({
      id,
      doc_type: r.docType,
      doc_number_enc: docEnc,
      doc_number_bidx: r.docBidx ?? ctx.pii.blindIndex('doc', docIndexKey(r.docType, r.docNumber)),
      name: r.name,
      gender: r.gender,
      birth_date: r.birthDate,
      phone_enc: phoneEnc,
      phone_bidx: phoneBidx,
      household_id: householdId,
      region_code: r.region.code,
      region_path: r.region.path,
      address: r.address,
      status: 'active',
      created_at: now,
      created_by: createdBy,
      updated_at: now,
      updated_by: createdBy,
    });
    for (const tag of new Set(r.tags)) tags.push({ person_id: id, tag, region_path: r.region.path });
  }
  const byRegion = new Map<string, { path: string; households: number; residents: number }>();
  const at = (code: string, path: string) => byRegion.get(code) ?? byRegion.set(code, { path, households: 0, residents: 0 }).get(code)!;
  for (const p of people) at(p.region_code, p.region_path).residents++;
  for (const h of households) at(h.region_code, h.region_path).households++;
  const ids = people.map((p) => p.id);
  // Stored in ledger order: a page of a grid or community then reads a few neighbouring pages of
  // the table rather than one page per person.
  people.sort((a, b) => (a.region_path < b.region_path ? -1 : a.region_path > b.region_path ? 1 : a.id < b.id ? -1 : 1));
  await bulkInsert(ctx.handle, tx, 'households', households);
  await bulkInsert(ctx.handle, tx, 'people', people);
  await bulkInsert(ctx.handle, tx, 'person_tags', tags);
  return { ids, households: households.length, byRegion };
}

/** Encrypts the identifiers of residents not sealed yet, on both cores when there are many. */
async function sealMissing(ctx: AppContext, residents: ResidentToLoad[]): Promise<void> {
  const todo = residents.filter((r) => !r.sealed);
  if (todo.length === 0) return;
  const sealer = new Sealer(ctx.config.secret, ctx.pii);
  try {
    const sealed = await sealer.sealAll(todo.map((r) => [r.docNumber, r.phone]));
    todo.forEach((r, i) => (r.sealed = sealed[i]));
  } finally {
    await sealer.close();
  }
}
