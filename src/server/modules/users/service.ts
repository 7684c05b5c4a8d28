import type { z } from 'zod';
import { requirePermission, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import {
  createAccount, endSessionsOf, getAccount, listAccounts, passwordProblem, replaceScopes, setPassword, updateAccount,
  type Account, type AccountScope,
} from '../../platform/auth/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { AppError, validationError } from '../../platform/errors.js';
import { findRegions, regionNames } from '../regions/index.js';
import type { NewUser, ScopeInput, UpdateUser, UserView } from '../../../shared/contracts/users.js';
import type { Role } from '../../../shared/roles.js';

/** Turns region codes into stored scopes, refusing any code that is not a region. */
async function resolveScopes(db: DbOrTx, input: z.infer<typeof ScopeInput>[]): Promise<AccountScope[]> {
  const regions = new Map((await findRegions(db, input.map((s) => s.code))).map((r) => [r.code, r]));
  const unknown = input.filter((s) => !regions.has(s.code));
  if (unknown.length > 0) {
    throw validationError(unknown.map((s) => ({ field: 'scopes', code: 'REGION_UNKNOWN', params: { value: s.code } })));
  }
  return input.map((s) => ({ path: regions.get(s.code)!.path, capture: s.capture }));
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw validationError([{ field: 'password', code: 'PASSWORD_WEAK', params: { rule: problem } }]);
}

export async function toUserView(db: DbOrTx, account: Account): Promise<UserView> {
  const codes = account.scopes.map((s) => s.path.split('/').pop()!);
  const names = await regionNames(db, codes);
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role as Role,
    organizationId: account.organization_id,
    status: account.status,
    locked: account.locked_until !== null && new Date(account.locked_until) > new Date(),
    scopes: account.scopes.map((s, i) => ({ code: codes[i], name: names.get(codes[i]) ?? codes[i], capture: s.capture })),
    createdAt: account.created_at,
  };
}

export async function listUsers(db: DbOrTx, actor: Actor, search?: string): Promise<UserView[]> {
  requirePermission(actor, 'users.manage');
  const accounts = await listAccounts(db, { search });
  return Promise.all(accounts.map((a) => toUserView(db, a)));
}

/** Creates an account; used by the admin API and the `anning user add` command (actor null). */
export async function addUser(db: DbOrTx, actor: Actor | null, input: z.infer<typeof NewUser>): Promise<UserView> {
  if (actor) requirePermission(actor, 'users.manage');
  checkPassword(input.password);
  const scopes = await resolveScopes(db, input.scopes);
  const id = await createAccount(db, { ...input, displayName: input.displayName, scopes });
  await audit(db, actor ?? { username: 'cli', ip: null }, { action: 'users.create', subjectType: 'user', subjectId: id,
    detail: { username: input.username, role: input.role, scopes: input.scopes } });
  return toUserView(db, (await getAccount(db, id))!);
}

export async function changeUser(db: DbOrTx, actor: Actor, id: string, input: z.infer<typeof UpdateUser>): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  const account = await getAccount(db, id);
  if (!account) throw new AppError('NOT_FOUND');
  const scopes = input.scopes ? await resolveScopes(db, input.scopes) : undefined;
  await updateAccount(db, id, {
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.organizationId !== undefined ? { organization_id: input.organizationId } : {}),
  });
  if (scopes) await replaceScopes(db, id, scopes);
  // A change of what someone may do takes effect at once: their open sessions end.
  if (input.role !== undefined || input.status !== undefined || scopes) await endSessionsOf(db, id);
  await audit(db, actor, { action: 'users.update', subjectType: 'user', subjectId: id, detail: { ...input } });
  return toUserView(db, (await getAccount(db, id))!);
}

export async function resetPassword(db: DbOrTx, actor: Actor, id: string, password: string): Promise<void> {
  requirePermission(actor, 'users.manage');
  if (!(await getAccount(db, id))) throw new AppError('NOT_FOUND');
  checkPassword(password);
  await setPassword(db, id, password);
  await endSessionsOf(db, id);
  await audit(db, actor, { action: 'users.reset_password', subjectType: 'user', subjectId: id });
}

/** Links an account to the unit it works for (the seed's lab account to its lab); no actor: seeding and the console. */
export async function linkUserToOrganization(db: DbOrTx, username: string, organizationId: string | null): Promise<string | undefined> {
  const [account] = (await listAccounts(db, { search: username })).filter((a) => a.username === username);
  if (!account) return undefined;
  await updateAccount(db, account.id, { organization_id: organizationId });
  return account.id;
}
