import { z } from 'zod';
import { Paging, RegionCode, pageOf } from '../common.js';
import { RuleSetCode } from '../../response.js';
import { MANAGED_CATEGORIES, ManagementPlan, PHASE_KINDS } from '../../screening.js';

/** Managed people (管控人员): episodes, their plans, tests, 五包一 team, health checks and releases. */

export const EPISODE_STATUSES = ['active', 'release_proposed', 'released', 'escalated', 'closed'] as const;
export const PLACE_KINDS = ['central', 'home', 'hospital'] as const;
export const EPISODE_SOURCES = ['manual', 'xiecha', 'positive_pool'] as const;
export const SCHEDULED_TEST_STATUSES = ['due', 'negative', 'positive', 'invalid', 'missed'] as const;
export const TEAM_ROLES = ['community_cadre', 'grid_worker', 'doctor', 'police', 'volunteer'] as const;
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'diarrhoea', 'breathless', 'other'] as const;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Id = z.string().min(1).max(40);

export const EpisodeParams = z.object({ id: Id });

export const NewEpisode = z.object({
  /** The person, by ledger id or by ID number (looked up by blind index); one of the two. */
  personId: Id.optional(),
  docNumber: z.string().trim().min(6).max(30).optional(),
  /** The category; or, for a traveller, `stayRegion` and the category follows that place's zone level. */
  category: z.enum(MANAGED_CATEGORIES).optional(),
  /**
   * Where a traveller stayed: the category is the zone level that place had on the anchor date (the day
   * they left it), from the zones' history — high, medium or low-risk-zone arrival.
   */
  stayRegion: RegionCode.optional(),
  anchorDate: IsoDate,
  placeKind: z.enum(PLACE_KINDS).optional(),
  /** Defaults to the plan in force on the anchor date (or the response's, see the rules). */
  ruleSet: RuleSetCode.optional(),
  note: z.string().trim().max(500).optional(),
}).refine((v) => !!v.personId !== !!v.docNumber, { message: 'personId or docNumber, one of the two', path: ['personId'] })
  .refine((v) => !!v.category !== !!v.stayRegion, { message: 'category or stayRegion, one of the two', path: ['category'] });
export type NewEpisode = z.infer<typeof NewEpisode>;

export const EpisodeQuery = Paging.extend({
  category: z.enum(MANAGED_CATEGORIES).optional(),
  /** 'open' = active or release proposed (the default), 'all', or one status. */
  status: z.enum(['open', 'all', ...EPISODE_STATUSES]).default('open'),
  placeKind: z.enum(PLACE_KINDS).optional(),
  region: RegionCode.optional(),
  /** Open episodes whose release date is on or before this date (releases due). */
  releaseBy: IsoDate.optional(),
  /** Start of the person's name. */
  q: z.string().trim().max(20).optional(),
});

export const EpisodeView = z.object({
  id: z.string(),
  personId: z.string(),
  /** Masked ("张*三"). */
  name: z.string(),
  /** Masked ("139****5678"). */
  phone: z.string().nullable(),
  category: z.enum(MANAGED_CATEGORIES),
  ruleSet: RuleSetCode,
  anchorDate: IsoDate,
  releaseDate: IsoDate.nullable(),
  placeKind: z.enum(PLACE_KINDS),
  status: z.enum(EPISODE_STATUSES),
  source: z.enum(EPISODE_SOURCES),
  regionCode: z.string(),
  regionName: z.string(),
  /** The phase the plan puts the person in today, if any. */
  phaseToday: z.enum(PHASE_KINDS).nullable(),
  tests: z.object({ total: z.number().int(), negative: z.number().int(), missed: z.number().int() }),
  nextTestDate: IsoDate.nullable(),
  createdAt: z.string(),
});
export type EpisodeView = z.infer<typeof EpisodeView>;
export const EpisodePage = pageOf(EpisodeView);

export const ScheduledTestView = z.object({
  id: z.string(),
  dueDate: IsoDate,
  phaseKind: z.enum(PHASE_KINDS),
  status: z.enum(SCHEDULED_TEST_STATUSES),
  sampledAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  /** 'testing' (a lab result of the person's sample) or 'manual' (entered from a report). */
  source: z.string().nullable(),
  taskId: z.string().nullable(),
});

export const TeamMemberView = z.object({
  role: z.enum(TEAM_ROLES),
  userId: z.string().nullable(),
  name: z.string(),
  /** Masked. */
  phone: z.string().nullable(),
  assignedAt: z.string(),
});

export const HealthCheckView = z.object({
  id: z.string(),
  checkedOn: IsoDate,
  period: z.enum(['morning', 'evening']),
  temperature: z.number().nullable(),
  symptoms: z.array(z.enum(SYMPTOMS)),
  note: z.string().nullable(),
  alarming: z.boolean(),
  checkedAt: z.string(),
});

export const HistoryEntry = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});

/** Isolation's placement of the episode's person, when there is one (read from the isolation module). */
export const EpisodePlacement = z.object({
  placementId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  roomLabel: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  expectedReleaseOn: IsoDate.nullable(),
});

export const EpisodeDetail = EpisodeView.extend({
  address: z.string().nullable(),
  note: z.string().nullable(),
  sourceRef: z.string().nullable(),
  plan: ManagementPlan,
  testList: z.array(ScheduledTestView),
  team: z.array(TeamMemberView),
  healthChecks: z.array(HealthCheckView),
  history: z.array(HistoryEntry),
  placement: EpisodePlacement.nullable(),
  /** What a release would need still, as an error code with its dates (null when it may be released today). */
  releaseBlocker: z.object({ code: z.string(), message: z.string() }).nullable(),
  releasedAt: z.string().nullable(),
});
export type EpisodeDetail = z.infer<typeof EpisodeDetail>;

export const SetTeamMember = z.object({
  role: z.enum(TEAM_ROLES),
  name: z.string().trim().min(1).max(40),
  phone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'phone').nullable().optional(),
});

export const NewHealthCheck = z.object({
  /** Defaults to today (China). */
  checkedOn: IsoDate.optional(),
  period: z.enum(['morning', 'evening']),
  temperature: z.number().min(34).max(43).nullable(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
  note: z.string().trim().max(300).optional(),
});

export const ManualTestResult = z.object({
  result: z.enum(['negative', 'positive', 'invalid']),
  sampledAt: z.iso.datetime(),
  reportedAt: z.iso.datetime().optional(),
  /** The report it is copied from (report number, issuing lab). */
  reportRef: z.string().trim().min(2).max(100),
  /** Required to replace a result already recorded. */
  reason: z.string().trim().max(300).optional(),
});

export const CloseEpisode = z.object({ reason: z.string().trim().min(2).max(300) });

export const PlanMove = z.object({
  fromRuleSet: RuleSetCode,
  toRuleSet: RuleSetCode,
  /** The headquarters' decision: its number (e.g. 湟疫指〔2022〕45号) and date. */
  decisionNo: z.string().trim().min(2).max(60),
  decidedOn: IsoDate,
  note: z.string().trim().max(500).optional(),
});
export const PlanMoveView = z.object({
  id: z.string(),
  fromRuleSet: RuleSetCode,
  toRuleSet: RuleSetCode,
  decisionNo: z.string(),
  decidedOn: IsoDate,
  episodesMoved: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type PlanMoveView = z.infer<typeof PlanMoveView>;

export const ScreeningSummary = z.object({
  date: IsoDate,
  managed: z.number().int(),
  byCategory: z.array(z.object({ category: z.enum(MANAGED_CATEGORIES), count: z.number().int() })),
  byPlace: z.array(z.object({ placeKind: z.enum(PLACE_KINDS), count: z.number().int() })),
  releasesDueToday: z.number().int(),
  releasesProposed: z.number().int(),
  testsDueToday: z.number().int(),
  testsMissed: z.number().int(),
  isolation: z.object({
    sites: z.number().int(), beds: z.number().int(), occupied: z.number().int(), free: z.number().int(),
  }).nullable(),
  zonesByLevel: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }).nullable(),
  visits: z.object({ openRounds: z.number().int(), households: z.number().int(), visitedToday: z.number().int(), visited: z.number().int() }),
});
export type ScreeningSummary = z.infer<typeof ScreeningSummary>;
