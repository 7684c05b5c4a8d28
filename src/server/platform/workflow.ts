import type { DbOrTx } from './db/index.js';
import type { Actor } from './access.js';
import { AppError } from './errors.js';
import { newId, nowIso } from './ids.js';

/**
 * A status ladder: the allowed transitions of one kind of record. Every move is checked against
 * the table and recorded (who, when, why) in workflow_history, so a record's story can be replayed.
 */
export interface Ladder<S extends string> {
  recordType: string;
  initial: S;
  transitions: Record<S, readonly S[]>;
  /** Transitions that need a reason from the person making them. */
  reasonRequired?: readonly `${S}->${S}`[];
}

export function defineLadder<S extends string>(ladder: Ladder<S>): Ladder<S> {
  return ladder;
}

export function canMove<S extends string>(ladder: Ladder<S>, from: S, to: S): boolean {
  return ladder.transitions[from]?.includes(to) ?? false;
}

/** Checks and records a move; the caller updates its own row's status in the same transaction. */
export async function recordTransition<S extends string>(
  db: DbOrTx,
  ladder: Ladder<S>,
  move: { recordId: string; from: S | null; to: S; actor: Actor | null; reason?: string },
): Promise<void> {
  if (move.from !== null && !canMove(ladder, move.from, move.to)) {
    throw new AppError('INVALID_STATE', {}, { from: move.from, to: move.to });
  }
  if (move.from !== null && ladder.reasonRequired?.includes(`${move.from}->${move.to}`) && !move.reason?.trim()) {
    throw new AppError('VALIDATION_FAILED', {}, { fields: [{ field: 'reason', code: 'REQUIRED', params: { field: 'reason' } }] });
  }
  await db
    .insertInto('workflow_history')
    .values({
      id: newId(),
      record_type: ladder.recordType,
      record_id: move.recordId,
      from_status: move.from,
      to_status: move.to,
      at: nowIso(),
      by_user: move.actor?.userId ?? null,
      reason: move.reason ?? null,
    })
    .execute();
}
