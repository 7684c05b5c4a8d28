/** Types of the testing API, inferred from the shared zod contracts (types only: no zod at runtime here). */
import type { z } from 'zod';
import type { NewRound, RoundPlan, RoundView, SiteView, NewSite } from '../../../shared/contracts/testing/rounds.js';

export type { RoundPlan, RoundView, SiteView };
export type NewRoundInput = z.input<typeof NewRound>;
export type NewSiteInput = z.input<typeof NewSite>;
export type { BagDetail, BagView } from '../../../shared/contracts/testing/transport.js';
export type { ResultOutcome, ResultRowError, TubeResults } from '../../../shared/contracts/testing/results.js';
export type { IncidentDetail, IncidentMemberView, IncidentView } from '../../../shared/contracts/testing/incidents.js';
export type { TestingSummary } from '../../../shared/contracts/testing/summary.js';
export type {
  CoverageFigures, CoverageNode, CoverageReport, IssuedMissingTasks, MissingPage, MissingPerson, UnregisteredView,
} from '../../../shared/contracts/testing/coverage.js';
