export { screeningRoutes } from './routes.js';
export type { ScreeningTables } from './tables.js';
export { planFor, ruleSetOn } from './rules/plan.js';
export { openEpisodes, planningContext, type EpisodeDraft } from './service/episodes.js';
export { checkDraft, planOfEpisode } from './rules/episodes.js';
export { applySampleResults, sweepMissedTests } from './service/episode-results.js';
export { createRound as createScreeningRound } from './service/rounds.js';
export { writeVisit } from './service/visits.js';
export { peopleAwaitingTests } from './store/episodes.js';
