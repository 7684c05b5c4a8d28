import crypto from 'node:crypto';
import { requirePermission, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findOrganization } from '../../organizations/index.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import type { LabTokenView } from '../../../../shared/contracts/testing/results.js';
import * as store from '../store/results.js';
import type { LabTokenRow } from '../tables.js';

/** Tokens carry a recognisable prefix (so a leaked one is easy to spot in logs) and 256 random bits. */
const TOKEN_PREFIX = 'anlab_';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function toView(row: LabTokenRow): LabTokenView {
  return { id: row.id, labId: row.lab_id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** Whether the organization exists and is an active lab (kind 'lab'). Labs serve the whole district. */
export async function isLab(db: DbOrTx, id: string): Promise<boolean> {
  const org = await findOrganization(db, id);
  return org?.kind === 'lab' && org.status === 'active';
}

/** The lab a lab user works for; refused (NOT_A_LAB) for an account linked to no lab. */
export async function labOf(ctx: AppContext, actor: Actor): Promise<string> {
  requirePermission(actor, 'testing.results');
  if (!actor.organizationId || !(await isLab(ctx.handle.db, actor.organizationId))) throw new AppError('NOT_A_LAB');
  return actor.organizationId;
}

/** The lab a bearer token speaks for; refused (401 LAB_TOKEN_INVALID) when unknown or revoked. */
export async function labForToken(ctx: AppContext, authorization: string | undefined): Promise<{ labId: string; tokenId: string; label: string }> {
  const m = /^Bearer\s+(\S{10,200})$/i.exec(authorization?.trim() ?? '');
  if (!m) throw new AppError('LAB_TOKEN_INVALID');
  const row = await store.labTokenByHash(ctx.handle.db, hashToken(m[1]));
  if (!row || row.revoked_at !== null) throw new AppError('LAB_TOKEN_INVALID');
  return { labId: row.lab_id, tokenId: row.id, label: row.label };
}

export async function createLabToken(
  ctx: AppContext,
  actor: Actor,
  input: { labId: string; label: string },
): Promise<LabTokenView & { token: string }> {
  requirePermission(actor, 'testing.manage');
  if (!(await isLab(ctx.handle.db, input.labId))) {
    throw validationError([{ field: 'labId', code: 'REQUIRED', params: { field: 'labId' } }]);
  }
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const row: LabTokenRow = { id: newId(), lab_id: input.labId, token_hash: hashToken(token), label: input.label,
    created_at: nowIso(), created_by: actor.userId, revoked_at: null };
  await store.insertLabToken(ctx.handle.db, row);
  await audit(ctx.handle.db, actor, { action: 'testing.lab_token.create', subjectType: 'testing_lab_token', subjectId: row.id,
    detail: { labId: input.labId, label: input.label } });
  return { ...toView(row), token };
}

export async function listLabTokens(ctx: AppContext, actor: Actor, labId?: string): Promise<LabTokenView[]> {
  requirePermission(actor, 'testing.manage');
  return (await store.listLabTokens(ctx.handle.db, labId)).map(toView);
}

export async function revokeLabToken(ctx: AppContext, actor: Actor, id: string): Promise<LabTokenView> {
  requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  const row = await store.findLabToken(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.revoked_at === null) {
    await store.revokeLabToken(db, id, nowIso());
    await audit(db, actor, { action: 'testing.lab_token.revoke', subjectType: 'testing_lab_token', subjectId: id,
      detail: { labId: row.lab_id } });
  }
  return toView((await store.findLabToken(db, id))!);
}
