import type { ErrorCode, FieldMessageCode } from '../../shared/messages.js';
import { EPISODE_ERROR_STATUS } from '../../shared/errors/episodes.js';

/** One field's problem, reported with a stable code so the client can translate it. */
export interface FieldIssue {
  field: string;
  code: FieldMessageCode;
  params?: Record<string, unknown>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  ...EPISODE_ERROR_STATUS,
  VALIDATION_FAILED: 400,
  FILE_NOT_SPREADSHEET: 400,
  SHEET_NO_HEADER: 400,
  SHEET_HAS_FORMULAS: 400,
  SHEET_HAS_MERGED_CELLS: 400,
  IMPORT_HAS_ERRORS: 422,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE_PERSON: 409,
  INVALID_STATE: 409,
  NO_RULE_SET_IN_FORCE: 422,
  CATEGORY_NOT_IN_RULE_SET: 422,
  RULE_SET_UNKNOWN: 422,
  RULE_SET_EXISTS: 409,
  RULE_SET_OVERLAPS: 409,
  SITE_FULL: 409, ROOM_FULL: 409, SITE_NOT_ACTIVE: 409, ROOM_NOT_AVAILABLE: 409, ALREADY_PLACED: 409, PLACEMENT_NOT_ACTIVE: 409, ROOM_LABELS_TAKEN: 409, ROOM_OCCUPIED: 409, SITE_OCCUPIED: 409, ZONE_NOT_ELIGIBLE: 409, ZONE_NOT_ACTIVE: 409, ZONE_LEVEL_NOT_IN_RULE_SET: 422, ZONE_PROPOSAL_PENDING: 409, ZONE_BUILDINGS_REQUIRED: 400, NO_ACTIVE_ZONES: 409, DECISION_TIME_FUTURE: 400,
  ROUND_NOT_OPEN: 409,
  NO_OPEN_ROUND: 409,
  NOT_SITE_SAMPLER: 403,
  TUBE_UNKNOWN: 404,
  TUBE_SEALED: 409,
  TUBE_OTHER_ROUND: 409,
  TUBE_OTHER_SITE: 409,
  TUBE_FULL: 409,
  PERSON_ALREADY_IN_TUBE: 409,
  SAMPLED_TODAY: 409,
  NEEDS_SINGLE_TUBE: 409,
  COLLECTION_CODE_UNKNOWN: 404,
  PERSON_NOT_REGISTERED: 404,
  SCAN_TIME_INVALID: 400,
  TUBE_NOT_SEALED: 409,
  TUBE_OTHER_LAB: 403,
  LAB_TOKEN_INVALID: 401,
  NOT_A_LAB: 403,
  RESULT_CONFLICT: 409,
  BAG_COUNT_MISMATCH: 409,
  RESULTS_HAVE_ERRORS: 422,
  BAG_OTHER_LAB: 403,
  BAG_NOT_HANDED_OVER: 409,
  TUBE_IN_BAG: 409,
  PERSON_NOT_IN_ROUND: 409,
  RESIDENT_LOOKUP_FAILED: 404,
  SCREENING_ROUND_NOT_OPEN: 409, HOUSEHOLD_NOT_IN_ROUND: 409, VISIT_ID_REUSED: 409, XIECHA_HAS_ERRORS: 422, UNMATCHED_DONE: 409, UNMATCHED_OTHER_PERSON: 409,
  FILE_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  INTERNAL: 500,
};

/**
 * The one error type services throw. It carries no HTTP knowledge beyond a status lookup that
 * the single error handler in app.ts applies.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code] ?? 400;
  }
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', {}, { fields: issues });
}
