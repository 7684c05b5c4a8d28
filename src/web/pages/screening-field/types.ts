/** Types of the screening-field API, inferred from the shared zod contracts (types only). */
import type { z } from 'zod';
import type { NewScreeningRound, NewVisit } from '../../../shared/contracts/screening/rounds.js';

export type {
  CompletionFigures, CompletionNode, CompletionReport, ScreeningRoundView, VisitView, VisitOutcomeCode, VisitShift,
} from '../../../shared/contracts/screening/rounds.js';
export type { TodayList } from '../../../shared/contracts/screening/today.js';
export type { UnmatchedView, XiechaImportView, XiechaOutcome } from '../../../shared/contracts/screening/imports.js';
export type NewScreeningRoundInput = z.input<typeof NewScreeningRound>;
export type NewVisitInput = z.input<typeof NewVisit>;
