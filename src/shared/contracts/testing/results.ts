import { z } from 'zod';
import { Barcode, TEST_RESULTS } from '../../testing.js';

/** A result as a lab's system posts it: English or Chinese result words are both accepted. */
export const LabResultInput = z.object({
  barcode: z.string().max(200),
  result: z.string().max(20).describe('negative | positive | invalid (or 阴性 | 阳性 | 无效)'),
  ctN: z.union([z.number(), z.string().max(20)]).nullable().optional(),
  ctOrf: z.union([z.number(), z.string().max(20)]).nullable().optional(),
  /** ISO 8601 with a zone, or local Beijing time "2022-08-21 14:05"; empty or absent means now. */
  reportedAt: z.string().max(40).nullable().optional(),
});
export type LabResultInput = z.infer<typeof LabResultInput>;

export const LabResultBatch = z.object({
  results: z.array(LabResultInput).min(1).max(10_000),
});
export type LabResultBatch = z.infer<typeof LabResultBatch>;

/** One refused row: its number (1-based position in the batch, or the row in the file), what and why. */
export const ResultRowError = z.object({
  row: z.number().int(),
  barcode: z.string(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ResultRowError = z.infer<typeof ResultRowError>;

/** What a batch or file did: recorded rows, rows already known (sent before), positives and incidents opened. */
export const ResultOutcome = z.object({
  rows: z.number().int(),
  recorded: z.number().int(),
  unchanged: z.number().int(),
  positives: z.number().int(),
  incidentIds: z.array(z.string()),
  errorRows: z.number().int(),
  /** An .xlsx error report for an uploaded file with errors. */
  reportFileId: z.string().nullable(),
  /** The first rows' errors; the report has them all. */
  errors: z.array(ResultRowError),
});
export type ResultOutcome = z.infer<typeof ResultOutcome>;

/** A corrected result: lab staff (for their lab's tubes) or the testing workstream, always with a reason. */
export const ResultCorrection = z.object({
  barcode: Barcode,
  result: z.enum(TEST_RESULTS),
  ctN: z.number().gt(0).max(50).nullable().optional(),
  ctOrf: z.number().gt(0).max(50).nullable().optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().trim().min(2).max(500),
});
export type ResultCorrection = z.infer<typeof ResultCorrection>;

export const ResultEntry = z.object({
  id: z.string(),
  result: z.enum(TEST_RESULTS),
  ctN: z.number().nullable(),
  ctOrf: z.number().nullable(),
  labId: z.string(),
  reportedAt: z.string(),
  recordedAt: z.string(),
  source: z.enum(['upload', 'api', 'correction']),
  correctionReason: z.string().nullable(),
  supersededAt: z.string().nullable(),
});

/** A tube's result in force and every result reported for it, corrections included. */
export const TubeResults = z.object({
  barcode: z.string(),
  status: z.string(),
  result: z.enum(TEST_RESULTS).nullable(),
  resultAt: z.string().nullable(),
  labId: z.string().nullable(),
  history: z.array(ResultEntry),
});
export type TubeResults = z.infer<typeof TubeResults>;

export const LabTokenView = z.object({
  id: z.string(),
  labId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type LabTokenView = z.infer<typeof LabTokenView>;

export const NewLabToken = z.object({
  labId: z.string().min(1).max(40),
  label: z.string().trim().min(1).max(100),
});

/** The token itself is shown once, when it is made; only its hash is kept. */
export const CreatedLabToken = LabTokenView.extend({ token: z.string() });
