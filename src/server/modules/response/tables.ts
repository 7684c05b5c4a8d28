export interface ResponseRow {
  id: string;
  name: string;
  level: string;
  rule_set: string;
  mode: 'emergency' | 'routine';
  /** JSON of ResponseParameters (src/shared/response.ts). */
  parameters: string;
  started_at: string;
  ended_at: string | null;
  created_by: string | null;
  created_at: string;
}

/** A prevention plan (src/shared/rule-sets.ts RuleSet), one row per plan. */
export interface RuleSetRow {
  code: string;
  name_zh: string;
  name_en: string;
  effective_from: string;
  effective_to: string;
  /** JSON: category → CategoryRule. */
  categories: string;
  /** JSON: ZoneRules. */
  zones: string;
  created_at: string;
  created_by: string | null;
}

export interface ResponseTables {
  responses: ResponseRow;
  rule_sets: RuleSetRow;
}
