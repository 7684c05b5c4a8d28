import type { Locale } from '../messages.js';

/** Error messages of managed people (episodes), their plans, tests, health checks and releases; merged into ERROR_MESSAGES. */
export const EPISODE_ERRORS = {
} as const satisfies Record<string, Record<Locale, string>>;
