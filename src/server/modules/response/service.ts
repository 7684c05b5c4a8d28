import type { z } from 'zod';
import { requirePermission, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { inTransaction, type DbOrTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { ResponseParameters, type ResponseView, type StartResponse } from '../../../shared/response.js';
import { ruleSetTable } from './rule-sets.js';
import type { ResponseRow } from './tables.js';

function toView(row: ResponseRow): ResponseView {
  return {
    id: row.id,
    name: row.name,
    level: row.level as ResponseView['level'],
    ruleSet: row.rule_set,
    mode: row.mode,
    parameters: ResponseParameters.parse(JSON.parse(row.parameters)),
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/** The response in force: the one not yet ended. Other modules read their parameters here. */
export async function responseInForce(db: DbOrTx): Promise<ResponseView | null> {
  const row = await db.selectFrom('responses').selectAll().where('ended_at', 'is', null).orderBy('started_at', 'desc')
    .executeTakeFirst();
  return row ? toView(row) : null;
}

export async function currentResponse(db: DbOrTx, actor: Actor): Promise<ResponseView | null> {
  requirePermission(actor, 'response.view');
  return responseInForce(db);
}

/** Declares a new response (or a change of level or plan): the previous one ends at the same instant. */
export async function startResponse(db: DbOrTx, actor: Actor | null, input: z.infer<typeof StartResponse>): Promise<ResponseView> {
  if (actor) requirePermission(actor, 'response.manage');
  if (!(await ruleSetTable(db)).some((r) => r.code === input.ruleSet)) throw new AppError('RULE_SET_UNKNOWN', { code: input.ruleSet });
  const at = input.startedAt ?? nowIso();
  const id = newId();
  await inTransaction(db, async (tx) => {
    await tx.updateTable('responses').set({ ended_at: at }).where('ended_at', 'is', null).execute();
    await tx
      .insertInto('responses')
      .values({ id, name: input.name, level: input.level, rule_set: input.ruleSet, mode: input.mode,
        parameters: JSON.stringify(input.parameters), started_at: at, ended_at: null, created_by: actor?.userId ?? null,
        created_at: nowIso() })
      .execute();
    if (actor) await audit(tx, actor, { action: 'response.start', subjectType: 'response', subjectId: id, detail: { ...input } });
  });
  return (await responseInForce(db))!;
}

/** Switches between emergency and routine (恢复正常秩序) without ending the response. */
export async function setResponseMode(db: DbOrTx, actor: Actor, mode: 'emergency' | 'routine', reason: string): Promise<ResponseView> {
  requirePermission(actor, 'response.manage');
  const current = await responseInForce(db);
  if (!current) throw new AppError('NOT_FOUND');
  await db.updateTable('responses').set({ mode }).where('id', '=', current.id).execute();
  await audit(db, actor, { action: 'response.mode', subjectType: 'response', subjectId: current.id, reason,
    detail: { from: current.mode, to: mode } });
  return (await responseInForce(db))!;
}
