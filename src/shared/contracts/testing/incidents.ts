import { z } from 'zod';
import { INCIDENT_STATUSES, TEST_RESULTS } from '../../testing.js';

export const SlaClockView = z.object({
  clock: z.enum(['notify', 'resample', 'result']),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  /** Milliseconds left (negative once overdue), frozen when the step was done. */
  remainingMs: z.number(),
  breached: z.boolean(),
});

export const IncidentView = z.object({
  id: z.string(),
  tubeBarcode: z.string(),
  roundId: z.string(),
  kind: z.enum(['pool', 'single']),
  status: z.enum(INCIDENT_STATUSES),
  regionCode: z.string(),
  regionName: z.string(),
  detectedAt: z.string(),
  notifiedAt: z.string().nullable(),
  resampledAt: z.string().nullable(),
  resultedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.enum(['cleared', 'positive_found']).nullable(),
  clocks: z.array(SlaClockView),
  breached: z.boolean(),
  /** Members in all, those in the reader's scope, and those with a usable retest result. */
  memberCount: z.number().int(),
  visibleMembers: z.number().int(),
  retested: z.number().int(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const IncidentMemberView = z.object({
  subjectKind: z.enum(['person', 'unregistered']),
  subjectId: z.string(),
  /** Masked ("张*三"). */
  name: z.string(),
  /** Masked ("139****5678"). */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  gridWorkers: z.array(z.object({ id: z.string(), name: z.string() })),
  retestTubeBarcode: z.string().nullable(),
  retestResult: z.enum(TEST_RESULTS).nullable(),
  taskId: z.string().nullable(),
});
export type IncidentMemberView = z.infer<typeof IncidentMemberView>;

export const IncidentDetail = IncidentView.extend({ members: z.array(IncidentMemberView) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentQuery = z.object({
  status: z.enum([...INCIDENT_STATUSES, 'active']).default('active'),
  roundId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const MarkNotified = z.object({ note: z.string().trim().max(500).optional() });
export const CloseIncident = z.object({ reason: z.string().trim().min(2).max(500) });
