import { z } from 'zod';
import { Barcode, COLLECTION_CODE_PATTERN, TUBE_STATUSES } from '../../testing.js';

/**
 * The sampler's phone page: the sites the sampler works at, with the round open there and the pool
 * size a new tube takes, so that the page can keep working with the network gone.
 */
export const MySite = z.object({
  siteId: z.string(),
  siteName: z.string(),
  regionName: z.string(),
  round: z.object({ id: z.string(), name: z.string(), endsAt: z.string() }).nullable(),
  /** Pool size of a new tube at this site (from the round's policy and the site's zone level). */
  capacity: z.number().int(),
  openTubes: z.array(z.object({ barcode: z.string(), capacity: z.number().int(), memberCount: z.number().int() })),
});
export type MySite = z.infer<typeof MySite>;

export const TubeView = z.object({
  id: z.string(),
  barcode: z.string(),
  roundId: z.string(),
  siteId: z.string(),
  capacity: z.number().int(),
  memberCount: z.number().int(),
  status: z.enum(TUBE_STATUSES),
  underfilled: z.boolean(),
  purpose: z.enum(['round', 'retest']),
  openedAt: z.string(),
  sealedAt: z.string().nullable(),
  result: z.enum(['negative', 'positive', 'invalid']).nullable(),
});
export type TubeView = z.infer<typeof TubeView>;

export const TubeMember = z.object({
  seq: z.number().int(),
  sampleId: z.string(),
  /** Masked name ("张*三"), or the name as typed for an unregistered person. */
  name: z.string(),
  unregistered: z.boolean(),
  regionName: z.string().nullable(),
  sampledAt: z.string(),
});
export const TubeDetail = TubeView.extend({ members: z.array(TubeMember) });
export type TubeDetail = z.infer<typeof TubeDetail>;

export const OpenTube = z.object({
  barcode: Barcode,
  siteId: z.string().min(1).max(40),
  /** A retest tube is a single tube for one member of a positive pool. */
  purpose: z.enum(['round', 'retest']).default('round'),
});

/** Who is being swabbed: an ID number (typed or from a keyboard-wedge scanner), a 采集码, or a new person. */
export const ScanSubject = z.union([
  z.object({ idNumber: z.string().trim().min(1).max(40) }),
  z.object({ collectionCode: z.string().trim().regex(COLLECTION_CODE_PATTERN, 'collection code') }),
  z.object({
    unregistered: z.object({
      name: z.string().trim().min(1).max(30),
      idNumber: z.string().trim().max(40).optional(),
      phone: z.string().trim().max(20).optional(),
      address: z.string().trim().max(200).optional(),
    }),
  }),
]);
export type ScanSubject = z.infer<typeof ScanSubject>;

export const Scan = z.object({
  /** Made by the client (ULID), so that a scan queued offline and sent twice is stored once. */
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID'),
  tubeBarcode: Barcode,
  siteId: z.string().min(1).max(40),
  sampledAt: z.iso.datetime(),
  subject: ScanSubject,
  /** Why a person already sampled today in this round is sampled again. */
  repeatReason: z.string().trim().min(2).max(200).optional(),
  purpose: z.enum(['round', 'retest']).default('round'),
});
export type Scan = z.infer<typeof Scan>;

export const ScanAccepted = z.object({
  id: z.string(),
  /** true when this id had been stored before (a retried or re-synced scan): nothing new was written. */
  replay: z.boolean(),
  seq: z.number().int(),
  person: z.object({ name: z.string(), regionName: z.string().nullable(), unregistered: z.boolean() }),
  tube: z.object({ barcode: z.string(), capacity: z.number().int(), memberCount: z.number().int(), status: z.enum(TUBE_STATUSES) }),
});
export type ScanAccepted = z.infer<typeof ScanAccepted>;

export const ScanBatch = z.object({ scans: z.array(Scan).min(1).max(500) });
export const ScanBatchResult = z.object({
  results: z.array(z.union([
    z.object({ id: z.string(), ok: z.literal(true), accepted: ScanAccepted }),
    z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), status: z.number().int() }) }),
  ])),
});
export type ScanBatchResult = z.infer<typeof ScanBatchResult>;

export const SealTube = z.object({ reason: z.string().trim().max(200).optional() });
