/** Tables owned by the platform: accounts and sessions, audit, jobs, stored files, workflow history. */
export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  organization_id: string | null;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserScopeRow {
  user_id: string;
  region_path: string;
  /** 1 when the user may also write (capture) in this region, 0 for view only. */
  capture: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditRow {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  result: 'ok' | 'denied' | 'failed';
  subject_type: string | null;
  subject_id: string | null;
  region_path: string | null;
  reason: string | null;
  detail: string | null;
  ip: string | null;
}

export interface JobRow {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  done: number;
  total: number;
  message: string | null;
  result: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface FileRow {
  id: string;
  name: string;
  content_type: string;
  bytes: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface WorkflowHistoryRow {
  id: string;
  record_type: string;
  record_id: string;
  from_status: string | null;
  to_status: string;
  at: string;
  by_user: string | null;
  reason: string | null;
}

export interface PlatformTables {
  users: UserRow;
  user_scopes: UserScopeRow;
  sessions: SessionRow;
  audit_log: AuditRow;
  jobs: JobRow;
  files: FileRow;
  workflow_history: WorkflowHistoryRow;
}
