import { z } from 'zod';

/**
 * A prevention plan's code (NINTH_EDITION, TWENTY_MEASURES, …). The plans themselves are rows of the
 * rule_sets table (src/shared/rule-sets.ts), so a new one is data, not a release.
 */
export const RuleSetCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'A–Z, 0–9 and _');
export type RuleSetCode = z.infer<typeof RuleSetCode>;

export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;

/** Parameters that rules read instead of hard-coding them. */
export const ResponseParameters = z.object({
  /** How long a negative test counts, and from which moment (DOMAIN.md §1.3). */
  testValidityHours: z.number().int().min(1).max(168),
  testValidityAnchor: z.enum(['sampling', 'report']),
  /** Pool size by zone level for mass rounds (1 = single tube). */
  poolSizeByZone: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int(), none: z.number().int() }),
  /** Clocks for a positive pool, in minutes: notify members, resample singly, report the single results. */
  poolPositiveSla: z.object({ notifyMinutes: z.number().int(), resampleMinutes: z.number().int(), resultMinutes: z.number().int() }),
});
export type ResponseParameters = z.infer<typeof ResponseParameters>;

export const DEFAULT_PARAMETERS: ResponseParameters = {
  testValidityHours: 48,
  testValidityAnchor: 'sampling',
  poolSizeByZone: { high: 1, medium: 5, low: 10, none: 20 },
  poolPositiveSla: { notifyMinutes: 60, resampleMinutes: 240, resultMinutes: 360 },
};

export const ResponseView = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(RESPONSE_LEVELS),
  ruleSet: RuleSetCode,
  mode: z.enum(['emergency', 'routine']),
  parameters: ResponseParameters,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type ResponseView = z.infer<typeof ResponseView>;

export const StartResponse = z.object({
  name: z.string().trim().min(2).max(100),
  level: z.enum(RESPONSE_LEVELS),
  ruleSet: RuleSetCode,
  mode: z.enum(['emergency', 'routine']).default('emergency'),
  parameters: ResponseParameters.default(DEFAULT_PARAMETERS),
  startedAt: z.iso.datetime().optional(),
});
