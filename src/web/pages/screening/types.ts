/** Types of the managed-people API, from the shared zod contracts (types only). */
export type {
  EpisodeDetail, EpisodeView, PlanMoveView, ScreeningSummary,
} from '../../../shared/contracts/screening/episodes.js';
export type { ManagementPlan } from '../../../shared/screening.js';
export { MANAGED_CATEGORIES, MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS } from '../../../shared/screening.js';
export { EPISODE_STATUSES, PLACE_KINDS, SYMPTOMS, TEAM_ROLES } from '../../../shared/contracts/screening/episodes.js';

export const STATUS_COLOR: Record<string, string> = {
  active: 'blue', release_proposed: 'green', released: 'default', escalated: 'red', closed: 'default',
};
export const TEST_COLOR: Record<string, string> = { due: 'default', negative: 'green', positive: 'red', invalid: 'orange', missed: 'volcano' };
