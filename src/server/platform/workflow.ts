import { insertMany } from './db/bulk.js';
import type { DbOrTx } from './db/index.js';
import type { WorkflowHistoryRow } from './tables.js';
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

export interface Move<S extends string> {
  recordId: string;
  from: S | null;
  to: S;
  actor: Actor | null;
  reason?: string | null;
}

function checkMove<S extends string>(ladder: Ladder<S>, move: Move<S>): void {
  if (move.from !== null && !canMove(ladder, move.from, move.to)) {
    throw new AppError('INVALID_STATE', {}, { from: move.from, to: move.to });
  }
  if (move.from !== null && ladder.reasonRequired?.includes(`${move.from}->${move.to}`) && !move.reason?.trim()) {
    throw new AppError('VALIDATION_FAILED', {}, { fields: [{ field: 'reason', code: 'REQUIRED', params: { field: 'reason' } }] });
  }
}

const historyRow = <S extends string>(ladder: Ladder<S>, move: Move<S>, at: string): WorkflowHistoryRow => ({
  id: newId(), record_type: ladder.recordType, record_id: move.recordId, from_status: move.from, to_status: move.to, at,
  by_user: move.actor?.userId ?? null, reason: move.reason ?? null,
});

/** Checks and records a move; the caller updates its own row's status in the same transaction. */
export async function recordTransition<S extends string>(db: DbOrTx, ladder: Ladder<S>, move: Move<S>): Promise<void> {
  checkMove(ladder, move);
  await db.insertInto('workflow_history').values(historyRow(ladder, move, nowIso())).execute();
}

/** A record's story: every move, oldest first, with the name of who made it. */
export async function historyOf<S extends string>(db: DbOrTx, ladder: Ladder<S>, recordId: string) {
  return db.selectFrom('workflow_history').leftJoin('users', 'users.id', 'workflow_history.by_user')
    .select(['workflow_history.from_status', 'workflow_history.to_status', 'workflow_history.at', 'workflow_history.reason',
      'users.display_name'])
    .where('workflow_history.record_type', '=', ladder.recordType).where('workflow_history.record_id', '=', recordId)
    .orderBy('workflow_history.id').execute();
}

/** The same for many records at once (a batch opening thousands): every move checked, then one bulk write. */
export async function recordTransitions<S extends string>(db: DbOrTx, ladder: Ladder<S>, moves: Move<S>[]): Promise<void> {
  for (const move of moves) checkMove(ladder, move);
  const at = nowIso();
  await insertMany(db, 'workflow_history', moves.map((m) => historyRow(ladder, m, at)));
}
