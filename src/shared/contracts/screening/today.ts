import { z } from 'zod';
import { RegionCode } from '../common.js';
import { MANAGED_CATEGORIES, PHASE_KINDS } from '../../screening.js';
import { VISIT_OUTCOMES } from './rounds.js';

/** The grid worker's day (今日工作): what is due today in one grid. Names are masked; addresses go down to the door. */

export const TodayQuery = z.object({ grid: RegionCode.optional() });

const Person = {
  episodeId: z.string(),
  personId: z.string(),
  /** Masked: 张*三. */
  name: z.string(),
  address: z.string(),
  category: z.enum(MANAGED_CATEGORIES),
};

export const TodayHousehold = z.object({
  /** The open round (ending first) the visit is recorded in; its name is in `rounds`. */
  roundId: z.string(),
  householdId: z.string(),
  address: z.string(),
  /** The household's people, masked, for marking who was present. */
  members: z.array(z.object({ id: z.string(), name: z.string() })),
  /** 'absent' when an earlier visit found no one: a revisit. */
  lastOutcome: z.enum(VISIT_OUTCOMES).nullable(),
});

export const TodayTest = z.object({
  ...Person,
  scheduledTestId: z.string(),
  dueDate: z.string(),
  phaseKind: z.enum(PHASE_KINDS),
  /** Yesterday's test with no result: follow it up. */
  missed: z.boolean(),
});

export const TodayHealthCheck = z.object({
  ...Person,
  phaseKind: z.enum(PHASE_KINDS),
  /** The day of the phase (D1 = its first day) and its length. */
  day: z.number().int(),
  days: z.number().int(),
});

export const TodayRelease = z.object({
  ...Person,
  releaseDate: z.string().nullable(),
  /** 'due': the plan ends, propose the release; 'proposed': waiting for a cadre to confirm. */
  status: z.enum(['due', 'proposed']),
});

export const TodayTask = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  sourceModule: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  status: z.string(),
});

export const TodayList = z.object({
  grid: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  /** Open rounds holding the grid, with their households visited and in scope. */
  rounds: z.array(z.object({ id: z.string(), name: z.string(), endsOn: z.string(), households: z.number().int(), visited: z.number().int() })),
  visits: z.array(TodayHousehold),
  tests: z.array(TodayTest),
  healthChecks: z.array(TodayHealthCheck),
  releases: z.array(TodayRelease),
  tasks: z.array(TodayTask),
});
export type TodayList = z.infer<typeof TodayList>;
