import { monotonicFactory } from 'ulidx';

/** Time-sortable text ids (ULID): records made in the field, even offline, never collide. */
export const newId: () => string = monotonicFactory();

export const nowIso = (): string => new Date().toISOString();
