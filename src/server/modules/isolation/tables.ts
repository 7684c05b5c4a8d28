/** Tables of the isolation module (隔离管控); only this module's stores touch them. */
import type { DesignatedLevel } from './rules/zones.js';

export type SiteKind = 'hotel' | 'facility' | 'makeshift_hospital' | 'designated_hospital';
export type PlacementStatus = 'active' | 'transferred' | 'released' | 'escalated' | 'closed';
export type PlacementEndReason = 'released' | 'transferred' | 'escalated' | 'closed';
export type ZoneAction = 'designate' | 'upgrade' | 'downgrade' | 'lift' | 'restore';
export type ProposalStatus = 'proposed' | 'approved' | 'rejected' | 'withdrawn';

export interface IsolationSiteRow {
  id: string;
  name: string;
  kind: SiteKind;
  region_code: string;
  region_path: string;
  address: string | null;
  /** The site's duty contact (a front desk or manager and a number), not personal data of those placed. */
  contact: string | null;
  status: 'active' | 'standby' | 'closed';
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface IsolationRoomRow {
  id: string;
  site_id: string;
  label: string;
  beds: number;
  status: 'active' | 'closed';
  created_at: string;
  created_by: string | null;
}

export interface PlacementRow {
  id: string;
  person_id: string;
  /** The screening episode this stay serves, if any (no foreign key: screening sits above isolation). */
  episode_id: string | null;
  site_id: string;
  room_id: string | null;
  /** The person's residence: whose cadres see this placement. */
  region_code: string;
  region_path: string;
  status: PlacementStatus;
  placed_at: string;
  placed_by: string | null;
  expected_release_on: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: PlacementEndReason | null;
  /** The placement this one continues after a transfer. */
  transferred_from: string | null;
  note: string | null;
}

export interface ZoneRow {
  id: string;
  name: string;
  level: DesignatedLevel | null;
  status: 'active' | 'lifted';
  rule_set: string;
  scope_kind: 'region' | 'buildings';
  region_code: string;
  region_path: string;
  decision_no: string;
  designated_at: string;
  since: string;
  last_infection_on: string | null;
  downgraded_from: DesignatedLevel | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ZoneRegionRow {
  zone_id: string;
  region_code: string;
  region_path: string;
}

export interface ZoneHistoryRow {
  id: string;
  zone_id: string;
  action: ZoneAction;
  from_level: DesignatedLevel | null;
  to_level: DesignatedLevel | null;
  effective_at: string;
  effective_on: string;
  decision_no: string | null;
  reason: string | null;
  region_path: string;
  recorded_at: string;
  recorded_by: string | null;
}

export interface ZoneProposalRow {
  id: string;
  zone_id: string;
  from_level: DesignatedLevel;
  to_level: DesignatedLevel;
  status: ProposalStatus;
  clean_days: number;
  proposed_on: string;
  proposed_at: string;
  /** null when the daily computation proposed it. */
  proposed_by: string | null;
  note: string | null;
  region_path: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_no: string | null;
  decision_reason: string | null;
}

export interface IsolationTables {
  isolation_sites: IsolationSiteRow;
  isolation_rooms: IsolationRoomRow;
  isolation_placements: PlacementRow;
  isolation_zones: ZoneRow;
  isolation_zone_regions: ZoneRegionRow;
  isolation_zone_history: ZoneHistoryRow;
  isolation_zone_proposals: ZoneProposalRow;
}
