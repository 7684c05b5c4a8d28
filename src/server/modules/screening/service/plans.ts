import { requirePermission, type Actor } from '../../../platform/access.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { RULE_SETS } from '../../../../shared/response.js';
import { MANAGED_CATEGORY_LABELS, type ManagementPlan, type PlanPreviewRequest } from '../../../../shared/screening.js';
import type { Locale } from '../../../../shared/messages.js';
import { planFor } from '../rules/plan.js';

/**
 * The plan a person of a category would be under, before anything is saved: the same function the
 * ledger uses for an episode, so the form shows exactly what will be scheduled.
 */
export function previewPlan(actor: Actor, input: PlanPreviewRequest, locale: Locale): ManagementPlan {
  requirePermission(actor, 'screening.view');
  const result = planFor({ ...input, today: todayInChina() });
  if (result.ok) return result.plan;
  const problem = result.problem;
  switch (problem.code) {
    case 'ANCHOR_IN_FUTURE':
      throw validationError([{ field: 'anchorDate', code: 'DATE_FUTURE' }]);
    case 'NO_RULE_SET_IN_FORCE':
      throw new AppError('NO_RULE_SET_IN_FORCE', { date: problem.date });
    case 'CATEGORY_NOT_IN_RULE_SET':
      throw new AppError('CATEGORY_NOT_IN_RULE_SET', { category: MANAGED_CATEGORY_LABELS[problem.category][locale],
        ruleSet: RULE_SETS[problem.ruleSet][locale] });
  }
}
