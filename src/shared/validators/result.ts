import type { FieldMessageCode } from '../messages.js';

/** Outcome of a field validator: the normalised value, or a message code (with its placeholders). */
export type Check<T> =
  | { ok: true; value: T }
  | { ok: false; code: FieldMessageCode; params?: Record<string, unknown> };

export type Failure = Extract<Check<never>, { ok: false }>;

export function pass<T>(value: T): Check<T> {
  return { ok: true, value };
}

export function fail(code: FieldMessageCode, params?: Record<string, unknown>): Failure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}
