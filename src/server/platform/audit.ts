import { sql } from 'kysely';
import { isPostgres, type DbOrTx } from './db/index.js';
import type { Actor } from './access.js';
import { newId, nowIso } from './ids.js';
import type { AuditRow } from './tables.js';

/** What happened, to what, and why; who and from where come from the actor. */
export interface AuditEntry {
  action: string;
  result?: AuditRow['result'];
  subjectType?: string;
  subjectId?: string;
  regionPath?: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** Anonymous events (a failed login) pass the claimed identity instead of an actor. */
export type AuditWho = Actor | { userId?: string | null; username?: string | null; role?: string | null; ip: string | null };

/**
 * Records one event. Inside a transaction the record commits (or not) with the change it describes.
 * Alone — the record of a read — on PostgreSQL it commits without waiting for its WAL flush
 * (synchronous_commit off for this one statement; the WAL writer flushes it within 0.2–0.6 s): a
 * view then costs no disk wait, and its record is as durable as every commit on SQLite's default
 * (WAL, synchronous NORMAL), kept through a crash of Anning, lost only if the database server itself
 * fails in that fraction of a second.
 */
export async function audit(db: DbOrTx, who: AuditWho, entry: AuditEntry): Promise<void> {
  const row = auditRow(who, entry);
  if (db.isTransaction || !isPostgres(db)) {
    await db.insertInto('audit_log').values(row).execute();
    return;
  }
  const columns = Object.keys(row) as (keyof AuditRow)[];
  // set_config(…, true) lasts until the end of the statement's own transaction: the pooled connection keeps its default.
  await db.insertInto('audit_log').columns(columns)
    .expression(sql`select ${sql.join(columns.map((c) => row[c]))} from (select set_config('synchronous_commit', 'off', true)) as async_commit`)
    .execute();
}

/** Several records at once (a group of scans: one line per sampler), in one statement. */
export async function auditAll(db: DbOrTx, records: { who: AuditWho; entry: AuditEntry }[]): Promise<void> {
  if (records.length > 0) await db.insertInto('audit_log').values(records.map((r) => auditRow(r.who, r.entry))).execute();
}

export function auditRow(who: AuditWho, entry: AuditEntry): AuditRow {
  return {
    id: newId(),
    at: nowIso(),
    user_id: who.userId ?? null,
    username: who.username ?? null,
    role: who.role ?? null,
    action: entry.action,
    result: entry.result ?? 'ok',
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    region_path: entry.regionPath ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip: who.ip,
  };
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  userId?: string;
  action?: string;
  limit: number;
  before?: string;
}

export async function listAudit(db: DbOrTx, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}
