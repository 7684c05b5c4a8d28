import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { ImportRow, UnmatchedRow } from '../tables.js';

export async function findImportByContent(db: DbOrTx, sha: string): Promise<ImportRow | undefined> {
  return db.selectFrom('screening_imports').selectAll().where('content_sha256', '=', sha).where('status', '=', 'done')
    .orderBy('created_at').executeTakeFirst();
}

export async function findImport(db: DbOrTx, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('screening_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertImport(db: DbOrTx, row: ImportRow): Promise<void> {
  await db.insertInto('screening_imports').values(row).execute();
}

/** Imports made in (under) the paths, newest first. */
export async function importsUnder(db: DbOrTx, paths: string[], limit = 100): Promise<ImportRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('screening_imports').selectAll().where(underAnyPath('region_path', paths))
    .orderBy('created_at', 'desc').limit(limit).execute();
}

/** Unmatched people still to find, per import. */
export async function toFindCounts(db: DbOrTx, importIds: string[]): Promise<Map<string, number>> {
  if (importIds.length === 0) return new Map();
  const rows = await db.selectFrom('screening_import_unmatched').select(['import_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_id', 'in', importIds).where('status', '=', 'to_find').groupBy('import_id').execute();
  return new Map(rows.map((r) => [r.import_id, Number(r.n)]));
}

export async function pageOfUnmatched(db: DbOrTx, importId: string, status: UnmatchedRow['status'] | undefined,
  page: { offset: number; limit: number }): Promise<{ rows: UnmatchedRow[]; total: number }> {
  let q = db.selectFrom('screening_import_unmatched').where('import_id', '=', importId);
  if (status) q = q.where('status', '=', status);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('row_number').offset(page.offset).limit(page.limit).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findUnmatched(db: DbOrTx, id: string): Promise<UnmatchedRow | undefined> {
  return db.selectFrom('screening_import_unmatched').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes a to-find row; false when someone else closed it first. */
export async function resolveUnmatched(db: DbOrTx, id: string, patch: Pick<UnmatchedRow, 'status' | 'person_id' | 'updated_at' | 'updated_by'>): Promise<boolean> {
  const res = await db.updateTable('screening_import_unmatched').set(patch).where('id', '=', id).where('status', '=', 'to_find')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
