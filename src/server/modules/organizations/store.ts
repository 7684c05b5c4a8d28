import { underAnyPath, type DbOrTx } from '../../platform/db/index.js';
import type { OrganizationRow } from './tables.js';

export async function insertOrganization(db: DbOrTx, row: OrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function findOrganization(db: DbOrTx, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function searchOrganizations(
  db: DbOrTx,
  f: { paths: string[]; kind?: string; name?: string },
  page: { offset: number; limit: number },
): Promise<{ rows: OrganizationRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('organizations').where(underAnyPath('region_path', f.paths));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.name) q = q.where('name', 'like', `%${f.name.replace(/[%_]/g, '')}%`);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('region_path').orderBy('name').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findOrganizationByName(db: DbOrTx, name: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('name', '=', name).orderBy('id').executeTakeFirst();
}
