/** Tables of the testing module (核酸检测); only this module's stores touch them. */
export interface RoundRow {
  id: string;
  name: string;
  status: 'planned' | 'open' | 'closed';
  starts_at: string;
  ends_at: string;
  /** JSON of PoolPolicy (src/shared/testing.ts). */
  pool_policy: string;
  response_id: string | null;
  created_at: string;
  created_by: string | null;
  closed_at: string | null;
}

export interface RoundRegionRow {
  round_id: string;
  region_code: string;
  region_path: string;
}

export interface ExemptionRow {
  id: string;
  round_id: string;
  person_id: string;
  reason: string;
  note: string | null;
  region_code: string;
  region_path: string;
  created_at: string;
  created_by: string | null;
}

export interface SiteRow {
  id: string;
  name: string;
  region_code: string;
  region_path: string;
  address: string | null;
  zone_level: 'high' | 'medium' | 'low' | 'none';
  /** Local opening hours, 'HH:MM'. */
  opens_at: string;
  closes_at: string;
  table_count: number;
  status: 'active' | 'closed';
  created_at: string;
  created_by: string | null;
}

export interface SiteSamplerRow {
  site_id: string;
  user_id: string;
  assigned_at: string;
  assigned_by: string | null;
}

export interface BagRow {
  id: string;
  barcode: string;
  round_id: string;
  site_id: string;
  region_path: string;
  lab_id: string | null;
  tube_count: number;
  status: 'packed' | 'handed_over' | 'received';
  packed_at: string;
  packed_by: string | null;
  handed_over_at: string | null;
  handed_over_by: string | null;
  carrier: string | null;
  /** Tubes the carrier counted at handover, and the lab at receipt. */
  counted_tubes: number | null;
  received_at: string | null;
  received_by: string | null;
  received_tubes: number | null;
}

export interface TubeRow {
  id: string;
  barcode: string;
  round_id: string;
  site_id: string;
  region_path: string;
  capacity: number;
  member_count: number;
  status: 'open' | 'sealed' | 'bagged' | 'in_transit' | 'received' | 'resulted';
  /** 1 when sealed with fewer swabs than its capacity (DOMAIN.md §2.1: must be marked). */
  underfilled: number;
  purpose: 'round' | 'retest';
  opened_at: string;
  opened_by: string | null;
  sealed_at: string | null;
  sealed_by: string | null;
  bag_id: string | null;
  lab_id: string | null;
  result: 'negative' | 'positive' | 'invalid' | null;
  result_at: string | null;
}

export interface UnregisteredRow {
  id: string;
  round_id: string;
  site_id: string;
  region_code: string;
  region_path: string;
  name: string;
  doc_number_enc: string | null;
  doc_number_bidx: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  address: string | null;
  status: 'open' | 'registered' | 'dismissed';
  person_id: string | null;
  sampled_at: string;
  created_by: string | null;
}

export interface SampleRow {
  id: string;
  round_id: string;
  tube_id: string;
  seq: number;
  subject_kind: 'person' | 'unregistered';
  subject_id: string;
  /** The person's residence (grid or building), or the site's region for an unregistered person. */
  region_code: string;
  region_path: string;
  site_id: string;
  sampler_id: string;
  sampled_at: string;
  received_at: string;
  repeat_reason: string | null;
}

export interface RoundPersonRow {
  round_id: string;
  person_id: string;
  first_sampled_at: string;
  last_sampled_at: string;
  region_code: string;
  region_path: string;
}

export interface CoverageRow {
  round_id: string;
  region_code: string;
  region_path: string;
  residents: number;
  exempt: number;
  tested: number;
  unregistered: number;
  updated_at: string;
}

export interface FollowupRow {
  id: string;
  round_id: string;
  person_id: string;
  outcome: 'sampled_later' | 'home_sample' | 'confirmed_away' | 'refused';
  note: string | null;
  region_path: string;
  recorded_at: string;
  recorded_by: string | null;
}

export interface LabTokenRow {
  id: string;
  lab_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface ResultRow {
  id: string;
  tube_id: string;
  lab_id: string;
  result: 'negative' | 'positive' | 'invalid';
  ct_n: number | null;
  ct_orf: number | null;
  reported_at: string;
  recorded_at: string;
  recorded_by: string | null;
  source: 'upload' | 'api' | 'correction';
  correction_reason: string | null;
  superseded_at: string | null;
}

export interface IncidentRow {
  id: string;
  tube_id: string;
  round_id: string;
  kind: 'pool' | 'single';
  status: 'open' | 'notified' | 'resampled' | 'resulted' | 'closed';
  region_path: string;
  detected_at: string;
  notify_due_at: string;
  resample_due_at: string;
  result_due_at: string;
  notified_at: string | null;
  resampled_at: string | null;
  resulted_at: string | null;
  closed_at: string | null;
  outcome: 'cleared' | 'positive_found' | null;
}

export interface IncidentMemberRow {
  incident_id: string;
  subject_kind: 'person' | 'unregistered';
  subject_id: string;
  region_path: string;
  retest_tube_id: string | null;
  retest_result: 'negative' | 'positive' | 'invalid' | null;
  task_id: string | null;
}

export interface CollectionCodeRow {
  code: string;
  person_id: string;
  issued_at: string;
}

export interface TestingTables {
  testing_rounds: RoundRow;
  testing_round_regions: RoundRegionRow;
  testing_exemptions: ExemptionRow;
  testing_sites: SiteRow;
  testing_site_samplers: SiteSamplerRow;
  testing_bags: BagRow;
  testing_tubes: TubeRow;
  testing_unregistered: UnregisteredRow;
  testing_samples: SampleRow;
  testing_round_people: RoundPersonRow;
  testing_coverage: CoverageRow;
  testing_followups: FollowupRow;
  testing_lab_tokens: LabTokenRow;
  testing_results: ResultRow;
  testing_incidents: IncidentRow;
  testing_incident_members: IncidentMemberRow;
  testing_collection_codes: CollectionCodeRow;
}
