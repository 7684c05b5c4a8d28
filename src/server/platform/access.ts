import { roleCan, type Permission, type Role } from '../../shared/roles.js';
import { AppError } from './errors.js';

/** Who is acting, resolved once per request from the session, passed into every service call. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The unit the user works for (a lab's staff act for their lab), if any. */
  organizationId: string | null;
  /** Materialized region paths the user may see; `capture` marks those they may also write in. */
  scopes: { path: string; capture: boolean }[];
  ip: string | null;
}

export type ScopeMode = 'view' | 'capture';

export function can(actor: Actor, permission: Permission): boolean {
  return roleCan(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', {}, { permission });
}

function covers(scopePath: string, regionPath: string): boolean {
  return regionPath === scopePath || regionPath.startsWith(`${scopePath}/`);
}

export function inScope(actor: Actor, regionPath: string, mode: ScopeMode = 'view'): boolean {
  return actor.scopes.some((s) => (mode === 'view' || s.capture) && covers(s.path, regionPath));
}

/** Refuses (403 OUT_OF_SCOPE, audited by the error handler) a region outside the actor's scope. */
export function requireRegion(actor: Actor, regionPath: string, mode: ScopeMode = 'view'): void {
  if (!inScope(actor, regionPath, mode)) throw new AppError('OUT_OF_SCOPE', {}, { region: regionPath.split('/').pop() });
}

/**
 * The path prefixes a scoped query must filter by. With a requested region, the request is first
 * checked against the scope; without one, it is the scope itself (narrowest set, no overlaps).
 */
export function scopePaths(actor: Actor, requested?: string, mode: ScopeMode = 'view'): string[] {
  if (requested !== undefined) {
    if (inScope(actor, requested, mode)) return [requested];
    // A request above the scope (e.g. the district for a township cadre) narrows to the scope inside it.
    const inside = actor.scopes.filter((s) => (mode === 'view' || s.capture) && covers(requested, s.path));
    if (inside.length === 0) requireRegion(actor, requested, mode);
    return inside.map((s) => s.path);
  }
  const paths = actor.scopes.filter((s) => mode === 'view' || s.capture).map((s) => s.path);
  return paths.filter((p) => !paths.some((q) => q !== p && covers(q, p)));
}

/**
 * The operator at the server's console (`anning import …`): whoever can run commands there already
 * holds the database and the secret, so the command acts district-wide, and is audited as "cli".
 */
export function consoleActor(districtPath: string): Actor {
  return {
    userId: 'cli',
    username: 'cli',
    displayName: `console (${process.env.USER ?? 'operator'})`,
    role: 'commander',
    organizationId: null,
    scopes: [{ path: districtPath, capture: true }],
    ip: null,
  };
}
