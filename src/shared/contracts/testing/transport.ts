import { z } from 'zod';
import { Barcode } from '../../testing.js';

/** A sealed bag of tubes (e.g. 20) on its way from a site to a lab (DOMAIN.md §2.2 step 4). */
export const BagView = z.object({
  id: z.string(),
  barcode: z.string(),
  roundId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  labId: z.string().nullable(),
  tubeCount: z.number().int(),
  status: z.enum(['packed', 'handed_over', 'received']),
  packedAt: z.string(),
  handedOverAt: z.string().nullable(),
  carrier: z.string().nullable(),
  countedTubes: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  receivedTubes: z.number().int().nullable(),
});
export type BagView = z.infer<typeof BagView>;

export const BagDetail = BagView.extend({
  tubes: z.array(z.object({ barcode: z.string(), capacity: z.number().int(), memberCount: z.number().int(), status: z.string() })),
});
export type BagDetail = z.infer<typeof BagDetail>;

export const PackBag = z.object({
  barcode: Barcode,
  siteId: z.string().min(1).max(40),
  labId: z.string().min(1).max(40),
  tubes: z.array(Barcode).min(1).max(100),
});
export type PackBag = z.infer<typeof PackBag>;

/** The carrier's scan at handover: the bag and the tubes counted in it. */
export const HandOverBag = z.object({
  barcode: Barcode,
  carrier: z.string().trim().min(1).max(100),
  count: z.number().int().min(0).max(1000),
});

/** The lab's scan at receipt, with its own count. */
export const ReceiveBag = z.object({
  barcode: Barcode,
  count: z.number().int().min(0).max(1000),
});

export const BagQuery = z.object({
  siteId: z.string().max(40).optional(),
  status: z.enum(['packed', 'handed_over', 'received']).optional(),
  barcode: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
