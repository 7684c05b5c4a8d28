/** Tables of the screening module (排查台账); only this module's stores touch them. */
import type { ManagedCategory, PhaseKind } from '../../../shared/screening.js';
import type { RuleSetCode } from '../../../shared/response.js';

export type EpisodeStatus = 'active' | 'release_proposed' | 'released' | 'escalated' | 'closed';
export type PlaceKind = 'central' | 'home' | 'hospital';
export type EpisodeSource = 'manual' | 'xiecha' | 'positive_pool';

/** One person under management for one category (管控人员), from its start to its release. */
export interface EpisodeRow {
  id: string;
  person_id: string;
  category: ManagedCategory;
  rule_set: RuleSetCode;
  anchor_date: string;
  release_date: string | null;
  place_kind: PlaceKind;
  status: EpisodeStatus;
  source: EpisodeSource;
  /** The positive-pool incident or the 协查 import it came from. */
  source_ref: string | null;
  /** The person's region when the episode started: who may see and act on it. */
  region_code: string;
  region_path: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  release_proposed_at: string | null;
  released_at: string | null;
  released_by: string | null;
}

export type ScheduledTestStatus = 'due' | 'negative' | 'positive' | 'invalid' | 'missed';

/** A nucleic-acid test the plan schedules on a day; a result fills it, a missed day becomes a task. */
export interface ScheduledTestRow {
  id: string;
  episode_id: string;
  person_id: string;
  due_date: string;
  phase_kind: PhaseKind;
  status: ScheduledTestStatus;
  result: string | null;
  sampled_at: string | null;
  reported_at: string | null;
  /** 'testing' (a lab result of one of the person's samples) or 'manual' (entered from a report). */
  source: string | null;
  source_ref: string | null;
  /** The task opened when the day passed without a result. */
  task_id: string | null;
  region_path: string;
  recorded_at: string | null;
  recorded_by: string | null;
}

export type TeamRole = 'community_cadre' | 'grid_worker' | 'doctor' | 'police' | 'volunteer';

/** 五包一: the five people answering for one managed person. */
export interface EpisodeTeamRow {
  episode_id: string;
  role: TeamRole;
  user_id: string | null;
  name: string;
  phone_enc: string | null;
  assigned_at: string;
  assigned_by: string | null;
}

export interface HealthCheckRow {
  id: string;
  episode_id: string;
  checked_on: string;
  period: 'morning' | 'evening';
  temperature: number | null;
  /** JSON array of symptom codes; empty when well. */
  symptoms: string;
  note: string | null;
  region_path: string;
  checked_at: string;
  checked_by: string | null;
}

/** A headquarters decision moving the open episodes of one plan to another. */
export interface RuleMoveRow {
  id: string;
  from_rule_set: RuleSetCode;
  to_rule_set: RuleSetCode;
  decision_no: string;
  decided_on: string;
  episodes_moved: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

/** A 协查 list pushed down from above and what became of it. */
export interface ImportRow {
  id: string;
  file_name: string;
  content_sha256: string;
  source: string | null;
  category: ManagedCategory;
  status: 'running' | 'done' | 'failed';
  rows: number;
  matched: number;
  unmatched: number;
  merged: number;
  job_id: string | null;
  region_path: string;
  created_at: string;
  created_by: string | null;
}

/** A listed person not found in the ledger: to be found by the cadres. */
export interface UnmatchedRow {
  id: string;
  import_id: string;
  row_number: number;
  name: string;
  doc_number_enc: string;
  doc_number_bidx: string;
  phone_enc: string | null;
  reason: string | null;
  source_area: string | null;
  anchor_date: string | null;
  /** The row's own category (a 类别 column); null: the import's. */
  category: ManagedCategory | null;
  /** elsewhere: registered in the ledger outside the importer's regions (to pass on, not to find). */
  status: 'to_find' | 'found' | 'not_here' | 'elsewhere';
  person_id: string | null;
  region_path: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ScreeningRoundRow {
  id: string;
  name: string;
  status: 'open' | 'closed';
  starts_on: string;
  ends_on: string;
  created_at: string;
  created_by: string | null;
  closed_at: string | null;
}

export interface ScreeningRoundRegionRow {
  round_id: string;
  region_code: string;
  region_path: string;
}

export type VisitOutcome = 'normal' | 'new_arrival' | 'symptoms' | 'absent' | 'refused';

/** A door-to-door visit of a household in a screening round (白+黑: day or night). */
export interface VisitRow {
  id: string;
  round_id: string;
  household_id: string;
  region_path: string;
  visited_at: string;
  shift: 'day' | 'night';
  outcome: VisitOutcome;
  /** JSON array of the ids of the household's people present. */
  present: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface ScreeningTables {
  screening_episodes: EpisodeRow;
  screening_scheduled_tests: ScheduledTestRow;
  screening_episode_team: EpisodeTeamRow;
  screening_health_checks: HealthCheckRow;
  screening_rule_moves: RuleMoveRow;
  screening_imports: ImportRow;
  screening_import_unmatched: UnmatchedRow;
  screening_rounds: ScreeningRoundRow;
  screening_round_regions: ScreeningRoundRegionRow;
  screening_visits: VisitRow;
}
