import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../regions.js';

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'region code: 6, 9, 12, 15 or 18 digits');

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const Ok = z.object({ ok: z.literal(true) });
