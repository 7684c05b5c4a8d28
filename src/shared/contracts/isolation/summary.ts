import { z } from 'zod';

/** Isolation figures for command: beds and occupancy, releases due in the coming days, zones by level. */
export const IsolationSummary = z.object({
  sites: z.number().int(),
  beds: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
  /** Expected releases per day from today, over 7 days. */
  releasesDue: z.array(z.object({ date: z.string(), count: z.number().int() })),
  zonesByLevel: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  proposalsPending: z.number().int(),
});
export type IsolationSummary = z.infer<typeof IsolationSummary>;
