export interface TaskRow {
  id: string;
  title: string;
  kind: string;
  source_module: string;
  source_id: string | null;
  target_type: 'organization' | 'region' | 'person';
  target_id: string;
  region_path: string;
  workstream: string | null;
  due_at: string | null;
  status: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface TasksTables {
  tasks: TaskRow;
}
