import crypto from 'node:crypto';
import { compiledOnce, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { nowIso } from '../ids.js';
import type { Actor } from '../access.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { audit } from '../audit.js';

export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MINUTES = 15;

let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword(crypto.randomBytes(16).toString('hex')));

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export interface LoginResult {
  token: string;
  expiresAt: string;
  actor: Actor;
}

/**
 * Password login with a per-account lockout kept in the database (so it holds across nodes):
 * ten wrong passwords in a row lock the account for fifteen minutes. Every attempt is audited.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; sessionHours: number },
): Promise<LoginResult> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const who = { userId: user?.id ?? null, username: input.username, role: user?.role ?? null, ip: input.ip };
  const now = new Date();
  if (!user) {
    // Spend the same time as a real check, so response times do not tell which usernames exist.
    await verifyPassword(await decoyHash(), input.password);
    await audit(db, who, { action: 'auth.login', result: 'failed', reason: 'unknown user' });
    throw new AppError('BAD_CREDENTIALS');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await audit(db, who, { action: 'auth.login', result: 'denied', reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED', { minutes: minutesUntil(user.locked_until, now) });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= LOCKOUT_THRESHOLD;
    const lockedUntil = lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db
      .updateTable('users')
      .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil, updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    await audit(db, who, { action: 'auth.login', result: 'failed', reason: lock ? 'wrong password; locked' : 'wrong password' });
    if (lock) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MINUTES });
    throw new AppError('BAD_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await audit(db, who, { action: 'auth.login', result: 'denied', reason: 'disabled' });
    throw new AppError('ACCOUNT_DISABLED');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + input.sessionHours * 3_600_000).toISOString();
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await tx
      .insertInto('sessions')
      .values({ token_hash: tokenHash(token), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt,
        ip: input.ip, user_agent: input.userAgent?.slice(0, 300) ?? null })
      .execute();
    await audit(tx, who, { action: 'auth.login' });
  });
  const actor = await actorFor(db, user.id, input.ip);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return { token, expiresAt, actor };
}

function minutesUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - now.getTime()) / 60_000));
}

/** The actor behind a session token; expired and unknown tokens are refused with distinct codes. */
/** Session, account and scopes in one query (a row per scope), compiled once: every request starts here. */
const sessionRows = compiledOnce((db: Db, hash: string) => db.selectFrom('sessions')
  .innerJoin('users', 'users.id', 'sessions.user_id')
  .leftJoin('user_scopes', 'user_scopes.user_id', 'users.id')
  .select(['sessions.token_hash', 'sessions.expires_at', 'users.id', 'users.username', 'users.display_name',
    'users.role', 'users.status', 'users.organization_id', 'user_scopes.region_path', 'user_scopes.capture'])
  .where('sessions.token_hash', '=', hash));

export async function actorForSession(db: Db, token: string, ip: string | null): Promise<Actor> {
  const rows = await sessionRows(db, tokenHash(token));
  const row = rows[0];
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (new Date(row.expires_at) <= new Date()) {
    await db.deleteFrom('sessions').where('token_hash', '=', row.token_hash).execute();
    throw new AppError('SESSION_EXPIRED');
  }
  const scopes = rows.flatMap((r) => (r.region_path === null ? [] : [{ region_path: r.region_path, capture: r.capture ?? 0 }]));
  const actor = toActor(row, scopes, ip);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

export async function actorFor(db: Db, userId: string, ip: string | null): Promise<Actor | null> {
  const [user, scopes] = await Promise.all([
    db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'status', 'organization_id']).where('id', '=', userId)
      .executeTakeFirst(),
    db.selectFrom('user_scopes').select(['region_path', 'capture']).where('user_id', '=', userId).execute(),
  ]);
  return user ? toActor(user, scopes, ip) : null;
}

function toActor(
  user: { id: string; username: string; display_name: string; role: string; status: string; organization_id: string | null },
  scopes: { region_path: string; capture: number }[],
  ip: string | null,
): Actor | null {
  if (user.status !== 'active' || !(ROLES as readonly string[]).includes(user.role)) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Role,
    organizationId: user.organization_id,
    scopes: scopes.map((s) => ({ path: s.region_path, capture: s.capture === 1 })),
    ip,
  };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

/** Ends every session of a user (password reset, role change, disabling). */
export async function endSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
