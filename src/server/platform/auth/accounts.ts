import type { DbOrTx } from '../db/index.js';
import { AppError } from '../errors.js';
import { newId, nowIso } from '../ids.js';
import type { Role } from '../../../shared/roles.js';
import type { UserRow } from '../tables.js';
import { hashPassword } from './passwords.js';

export interface AccountScope {
  path: string;
  capture: boolean;
}

export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
  scopes: AccountScope[];
}

export type Account = Omit<UserRow, 'password_hash'> & { scopes: AccountScope[] };

export async function createAccount(db: DbOrTx, input: NewAccount): Promise<string> {
  const exists = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (exists) throw new AppError('CONFLICT', {}, { field: 'username' });
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('users')
    .values({
      id,
      username: input.username,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName,
      role: input.role,
      organization_id: input.organizationId ?? null,
      status: 'active',
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceScopes(db, id, input.scopes);
  return id;
}

export async function replaceScopes(db: DbOrTx, userId: string, scopes: AccountScope[]): Promise<void> {
  await db.deleteFrom('user_scopes').where('user_id', '=', userId).execute();
  if (scopes.length === 0) return;
  await db
    .insertInto('user_scopes')
    .values(scopes.map((s) => ({ user_id: userId, region_path: s.path, capture: s.capture ? 1 : 0 })))
    .execute();
}

export async function setPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), password_changed_at: now, failed_logins: 0, locked_until: null,
      updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function updateAccount(
  db: DbOrTx,
  userId: string,
  patch: Partial<Pick<UserRow, 'display_name' | 'role' | 'status' | 'organization_id'>>,
): Promise<void> {
  await db.updateTable('users').set({ ...patch, updated_at: nowIso() }).where('id', '=', userId).execute();
}

export async function getAccount(db: DbOrTx, userId: string): Promise<Account | undefined> {
  const [account] = await listAccounts(db, { ids: [userId] });
  return account;
}

export async function listAccounts(db: DbOrTx, q: { ids?: string[]; search?: string } = {}): Promise<Account[]> {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'organization_id', 'status', 'failed_logins', 'locked_until',
      'password_changed_at', 'created_at', 'updated_at'])
    .orderBy('username');
  if (q.ids) query = query.where('id', 'in', q.ids);
  if (q.search) query = query.where((eb) => eb.or([eb('username', 'like', `%${q.search}%`), eb('display_name', 'like', `%${q.search}%`)]));
  const users = await query.execute();
  if (users.length === 0) return [];
  const scopes = await db
    .selectFrom('user_scopes')
    .selectAll()
    .where('user_id', 'in', users.map((u) => u.id))
    .execute();
  return users.map((u) => ({
    ...u,
    scopes: scopes.filter((s) => s.user_id === u.id).map((s) => ({ path: s.region_path, capture: s.capture === 1 })),
  }));
}

/**
 * Active accounts of a role whose scope covers any of the given regions (a scope at the region or
 * above it): e.g. the grid workers responsible for a member's grid. Each comes with the scope that matched.
 */
export async function accountsCovering(
  db: DbOrTx,
  role: Role,
  regionPaths: string[],
): Promise<{ id: string; display_name: string; scope_path: string }[]> {
  const ancestors = new Set<string>();
  for (const p of regionPaths) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) ancestors.add(parts.slice(0, i).join('/'));
  }
  if (ancestors.size === 0) return [];
  return db
    .selectFrom('users')
    .innerJoin('user_scopes', 'user_scopes.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'user_scopes.region_path as scope_path'])
    .where('users.role', '=', role)
    .where('users.status', '=', 'active')
    .where('user_scopes.region_path', 'in', [...ancestors])
    .orderBy('users.display_name')
    .execute();
}
