import type { Locale } from '../messages.js';

/** Error messages of screening rounds, door-to-door visits, 协查 list imports and the grid worker's day; merged into ERROR_MESSAGES. */
export const SCREENING_FIELD_ERRORS = {
} as const satisfies Record<string, Record<Locale, string>>;
