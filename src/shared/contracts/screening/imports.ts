import { z } from 'zod';
import { Paging, pageOf } from '../common.js';
import { MANAGED_CATEGORIES } from '../../screening.js';

/** 协查 lists: key-person lists pushed down from above, matched to the ledger, unmatched ones to find. */

export const XiechaUploadQuery = z.object({
  /** The category of the whole list; a 类别 column in the file overrides it per row. */
  category: z.enum(MANAGED_CATEGORIES).optional(),
  /** Who pushed the list down (e.g. 西宁市疫情防控指挥部 协查函 2022-105). */
  source: z.string().trim().max(200).optional(),
});

/** What an import did (the job's result): counts, and on refusal the rows' errors and an xlsx report. */
export const XiechaOutcome = z.object({
  importId: z.string().nullable(),
  /** The same file was imported before: nothing changed, its report is shown again. */
  repeated: z.boolean(),
  rows: z.number().int(),
  /** Rows naming a person already listed in the same file (same ID and category): merged into one. */
  duplicates: z.number().int(),
  /** People found in the ledger and in the importer's regions: routed to their grids. */
  matched: z.number().int(),
  /** Of those, new episodes opened … */
  created: z.number().int(),
  /** … and reports merged into an open episode of the same person and category. */
  merged: z.number().int(),
  /** Listed people whose measure has already run out (e.g. left a high-risk zone over 7 days ago): recorded, nothing opened. */
  lapsed: z.number().int(),
  /** Not in the ledger: the list to find. */
  unmatched: z.number().int(),
  /** In the ledger but registered outside the importer's regions: to pass on. */
  elsewhere: z.number().int(),
  /** Grids that received people (one task each). */
  grids: z.number().int(),
  errorRows: z.number().int(),
  reportFileId: z.string().nullable(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() })),
});
export type XiechaOutcome = z.infer<typeof XiechaOutcome>;

export const XiechaImportView = z.object({
  id: z.string(),
  fileName: z.string(),
  source: z.string().nullable(),
  category: z.enum(MANAGED_CATEGORIES),
  status: z.enum(['running', 'done', 'failed']),
  rows: z.number().int(),
  matched: z.number().int(),
  merged: z.number().int(),
  unmatched: z.number().int(),
  /** Unmatched people still to find. */
  toFind: z.number().int(),
  regionCode: z.string(),
  createdAt: z.string(),
});
export type XiechaImportView = z.infer<typeof XiechaImportView>;

export const UNMATCHED_STATUSES = ['to_find', 'found', 'not_here', 'elsewhere'] as const;

export const UnmatchedView = z.object({
  id: z.string(),
  importId: z.string(),
  rowNumber: z.number().int(),
  /** Masked unless the user may unmask. */
  name: z.string(),
  docNumber: z.string(),
  phone: z.string().nullable(),
  reason: z.string().nullable(),
  sourceArea: z.string().nullable(),
  anchorDate: z.string().nullable(),
  category: z.enum(MANAGED_CATEGORIES),
  status: z.enum(UNMATCHED_STATUSES),
  personId: z.string().nullable(),
  updatedAt: z.string(),
});
export type UnmatchedView = z.infer<typeof UnmatchedView>;

export const UnmatchedQuery = Paging.extend({ status: z.enum(UNMATCHED_STATUSES).optional() });
export const UnmatchedPage = pageOf(UnmatchedView);

/** Found (registered now, or under another address: link the ledger entry, an episode opens) or not here. */
export const ResolveUnmatched = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), personId: z.string().min(1).max(40) }),
  z.object({ outcome: z.literal('not_here') }),
]);
export type ResolveUnmatched = z.infer<typeof ResolveUnmatched>;
