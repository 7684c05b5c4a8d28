import { z } from 'zod';

/**
 * The residents' page (public): a resident proves who they are with their ID number and the last four
 * digits of their phone, and sees only their own latest results and their 采集码 (collection code).
 */
export const ResidentLookup = z.object({
  idNumber: z.string().trim().min(15).max(18),
  phoneLast4: z.string().trim().regex(/^\d{4}$/, 'four digits'),
});
export type ResidentLookup = z.infer<typeof ResidentLookup>;

export const RESIDENT_RESULTS = ['pending', 'negative', 'pool_positive', 'positive', 'invalid'] as const;
export type ResidentResult = (typeof RESIDENT_RESULTS)[number];

export const ResidentResults = z.object({
  /** Latest first, at most five. */
  results: z.array(z.object({
    sampledAt: z.string(),
    result: z.enum(RESIDENT_RESULTS),
    resultLabel: z.string(),
    siteName: z.string(),
  })),
  /** The text of the resident's QR code, shown at the sampling site. */
  collectionCode: z.string(),
});
export type ResidentResults = z.infer<typeof ResidentResults>;

/** A cadre issues or prints a resident's collection code (for people without a smartphone). */
export const CollectionCodeView = z.object({
  personId: z.string(),
  /** Masked unless the user may unmask. */
  name: z.string(),
  regionName: z.string(),
  code: z.string(),
  issuedAt: z.string(),
});
export type CollectionCodeView = z.infer<typeof CollectionCodeView>;
