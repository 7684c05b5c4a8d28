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

export interface ResponseTables {
  responses: ResponseRow;
}
