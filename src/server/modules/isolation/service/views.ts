import { inScope, type Actor } from '../../../platform/access.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { maskName, maskPhone, type Pii } from '../../../platform/pii.js';
import { displayName, regionNames } from '../../regions/index.js';
import { peopleByIds } from '../../people/index.js';
import type { IsolationSiteView, PlacementView } from '../../../../shared/contracts/isolation/sites.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { forecastFreeBeds } from '../rules/beds.js';
import type { IsolationSiteRow, PlacementRow } from '../tables.js';
import * as store from '../store/sites.js';

/** "多巴镇/金城社区" from a path, with names read in one query for many paths. */
export async function pathNamer(db: DbOrTx, paths: string[]): Promise<(path: string) => string> {
  const names = await regionNames(db, [...new Set(paths.flatMap((p) => p.split('/')))]);
  // displayName leaves the district out: it is the same for everyone.
  return (path) => displayName(path.split('/').map((c) => ({ name: names.get(c) ?? c })));
}

/** Sites with their capacity, occupancy and 14-day forecast of free beds. */
export async function siteViews(db: DbOrTx, rows: IsolationSiteRow[], today = todayInChina()): Promise<IsolationSiteView[]> {
  const ids = rows.map((r) => r.id);
  const [capacity, stays, rooms, name] = await Promise.all([
    store.capacityOf(db, ids), store.activeStaysIn(db, ids), store.roomsOf(db, ids), pathNamer(db, rows.map((r) => r.region_path)),
  ]);
  return rows.map((row) => {
    const cap = capacity.get(row.id) ?? 0;
    const mine = stays.filter((s) => s.site_id === row.id).map((s) => ({ expectedReleaseOn: s.expected_release_on }));
    const forecast = forecastFreeBeds(cap, mine, today);
    return {
      id: row.id, name: row.name, kind: row.kind, regionCode: row.region_code, regionName: name(row.region_path),
      address: row.address, contact: row.contact, status: row.status,
      rooms: rooms.filter((r) => r.site_id === row.id && r.status === 'active').length,
      capacity: cap, occupied: mine.length, free: forecast[0].free, forecast,
    };
  });
}

/**
 * Placements as the viewer sees them: names and phones always masked; a person outside the viewer's
 * regions (someone else's resident in a shared hotel) is shown as "—" (the bed counts, the person not).
 */
export async function placementViews(db: DbOrTx, pii: Pii | null, actor: Actor | null, rows: PlacementRow[]): Promise<PlacementView[]> {
  const [people, sites, name] = await Promise.all([
    peopleByIds(db, [...new Set(rows.map((r) => r.person_id))]),
    store.sitesByIds(db, rows.map((r) => r.site_id)),
    pathNamer(db, rows.map((r) => r.region_path)),
  ]);
  const roomIds = [...new Set(rows.map((r) => r.room_id).filter((id): id is string => id !== null))];
  const rooms = roomIds.length ? await store.roomsOf(db, [...new Set(rows.map((r) => r.site_id))]) : [];
  const person = new Map(people.map((p) => [p.id, p]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const roomLabel = new Map(rooms.map((r) => [r.id, r.label]));
  return rows.map((row) => {
    const p = person.get(row.person_id);
    const visible = !actor || inScope(actor, row.region_path);
    return {
      id: row.id, personId: visible ? row.person_id : '', personName: visible && p ? maskName(p.name) : '—',
      phone: visible && pii && p?.phone_enc ? maskPhone(pii.decrypt(p.phone_enc)) : null,
      regionName: visible ? name(row.region_path) : '—', episodeId: visible ? row.episode_id : null,
      siteId: row.site_id, siteName: siteName.get(row.site_id) ?? row.site_id,
      roomId: row.room_id, roomLabel: row.room_id ? roomLabel.get(row.room_id) ?? null : null,
      status: row.status, placedAt: row.placed_at, expectedReleaseOn: row.expected_release_on, endedAt: row.ended_at,
      endReason: row.end_reason, transferredFrom: row.transferred_from, note: visible ? row.note : null,
    };
  });
}
