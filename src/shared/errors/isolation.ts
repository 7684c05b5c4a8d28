import type { Locale } from '../messages.js';

/** Error messages of isolation sites, rooms, placements and risk zones; merged into ERROR_MESSAGES. */
export const ISOLATION_ERRORS = {
} as const satisfies Record<string, Record<Locale, string>>;
