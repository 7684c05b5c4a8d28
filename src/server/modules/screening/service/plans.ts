import { requirePermission, type Actor } from '../../../platform/access.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import type { ManagementPlan, PlanPreviewRequest } from '../../../../shared/screening.js';
import type { Locale } from '../../../../shared/messages.js';
import { planOfDraft } from '../rules/episodes.js';
import { planningContext } from './episodes.js';
import { planProblemError } from './episodes-ledger.js';

/**
 * The plan a person of a category would be under, before anything is saved: the same function the
 * ledger uses for an episode (the plan named, in force on the anchor date, or the response's), so
 * the form shows exactly what will be scheduled.
 */
export async function previewPlan(db: DbOrTx, actor: Actor, input: PlanPreviewRequest, locale: Locale): Promise<ManagementPlan> {
  requirePermission(actor, 'screening.view');
  const result = planOfDraft(input, todayInChina(), await planningContext(db));
  if (result.ok) return result.plan;
  throw planProblemError(result.problem, locale);
}
