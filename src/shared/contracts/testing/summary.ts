import { z } from 'zod';
import { CoverageNode } from './coverage.js';

/** What the command screen shows of testing, within the user's regions (DESIGN: 指挥 dashboard). */
export const TestingSummary = z.object({
  /** The day the figures count, in China time (YYYY-MM-DD). */
  date: z.string(),
  samplesToday: z.number().int(),
  tubesSealedToday: z.number().int(),
  /** Tubes sealed and not yet resulted. */
  resultsPending: z.number().int(),
  /** Positive-pool and positive single-tube incidents not yet closed. */
  positives: z.number().int(),
  round: z.object({ id: z.string(), name: z.string(), endsAt: z.string() }).nullable(),
  /** Coverage of the latest open round by township (or the user's own regions when narrower). */
  coverage: z.array(CoverageNode),
});
export type TestingSummary = z.infer<typeof TestingSummary>;
