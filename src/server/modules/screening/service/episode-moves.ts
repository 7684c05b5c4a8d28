import type { z } from 'zod';
import { requirePermission, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { recordTransition } from '../../../platform/workflow.js';
import { endPlacementsOfEpisode } from '../../isolation/index.js';
import { ruleSetTable } from '../../response/index.js';
import type { PlanMove } from '../../../../shared/contracts/screening/episodes.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { EPISODE_LADDER } from '../rules/episodes.js';
import * as store from '../store/episode-moves.js';
import { updateEpisode } from '../store/episodes.js';
import type { RuleMoveRow } from '../tables.js';
import { replanEpisode } from './episodes.js';

function toView(r: RuleMoveRow) {
  return { id: r.id, fromRuleSet: r.from_rule_set, toRuleSet: r.to_rule_set, decisionNo: r.decision_no, decidedOn: r.decided_on,
    episodesMoved: r.episodes_moved, note: r.note, createdAt: r.created_at, createdBy: r.created_by };
}

/**
 * A headquarters decision (decision number and date) moving the open episodes of one plan to
 * another: each is re-planned from its own anchor under the new plan, keeping the results it has; an
 * episode whose category the new plan no longer manages (secondary contacts under the 20 measures)
 * is closed with the decision as its reason. Recorded in screening_rule_moves and each episode's history.
 */
export async function movePlans(ctx: AppContext, actor: Actor, input: z.infer<typeof PlanMove>) {
  requirePermission(actor, 'response.manage');
  requirePermission(actor, 'screening.manage');
  const today = todayInChina();
  if (input.decidedOn > today) throw validationError([{ field: 'decidedOn', code: 'DATE_FUTURE' }]);
  if (input.fromRuleSet === input.toRuleSet) throw new AppError('PLAN_MOVE_SAME');
  const table = await ruleSetTable(ctx.handle.db);
  const [source, target] = [input.fromRuleSet, input.toRuleSet].map((code) => table.find((r) => r.code === code));
  if (!source || !target) throw new AppError('RULE_SET_UNKNOWN', { code: source ? input.toRuleSet : input.fromRuleSet });
  const paths = scopePaths(actor, undefined, 'capture');
  const db = ctx.handle.db;
  const id = newId();
  const reason = `指挥部决定 ${input.decisionNo}（${input.decidedOn}）：由《${source.name['zh-CN']}》调整为《${target.name['zh-CN']}》`;
  const moved = await inTransaction(db, async (tx) => {
    const episodes = await store.openEpisodesUnder(tx, paths, input.fromRuleSet);
    let n = 0;
    for (const e of episodes) {
      if (!target.categories[e.category]) {
        await recordTransition(tx, EPISODE_LADDER, { recordId: e.id, from: e.status, to: 'closed', actor, reason: `${reason}；新方案不再管控此类人员` });
        await updateEpisode(tx, e.id, { status: 'closed', updated_at: nowIso() });
        await endPlacementsOfEpisode(tx, actor, e.id, 'closed');
      } else {
        await replanEpisode(tx, actor, e, { ruleSet: input.toRuleSet }, reason);
      }
      n++;
    }
    await store.insertMove(tx, { id, from_rule_set: input.fromRuleSet, to_rule_set: input.toRuleSet, decision_no: input.decisionNo,
      decided_on: input.decidedOn, episodes_moved: n, note: input.note ?? null, created_at: nowIso(), created_by: actor.userId });
    await audit(tx, actor, { action: 'screening.plan_move', subjectType: 'screening_rule_move', subjectId: id, reason: input.decisionNo,
      detail: { from: input.fromRuleSet, to: input.toRuleSet, episodes: n } });
    return n;
  });
  return toView({ id, from_rule_set: input.fromRuleSet, to_rule_set: input.toRuleSet, decision_no: input.decisionNo, decided_on: input.decidedOn,
    episodes_moved: moved, note: input.note ?? null, created_at: nowIso(), created_by: actor.userId });
}

export async function listPlanMoves(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'screening.view');
  return (await store.moves(ctx.handle.db)).map(toView);
}
