import { z } from 'zod';
import { RegionCode } from '../common.js';

export const SITE_KINDS = ['hotel', 'facility', 'makeshift_hospital', 'designated_hospital'] as const;
export const SITE_STATUSES = ['active', 'standby', 'closed'] as const;
export const PLACEMENT_STATUSES = ['active', 'transferred', 'released', 'escalated', 'closed'] as const;

const LocalDate = z.iso.date();

export const ForecastDay = z.object({ date: z.string(), occupied: z.number().int(), free: z.number().int() });
export type ForecastDay = z.infer<typeof ForecastDay>;

/** An isolation site (隔离点) with its beds: capacity from its open rooms, occupancy from its active placements. */
export const IsolationSiteView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  contact: z.string().nullable(),
  status: z.enum(SITE_STATUSES),
  rooms: z.number().int(),
  capacity: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
  /** Free beds from today over 14 days, from the expected release dates. */
  forecast: z.array(ForecastDay),
});
export type IsolationSiteView = z.infer<typeof IsolationSiteView>;

export const SitesPage = z.object({
  items: z.array(IsolationSiteView),
  total: z.object({ sites: z.number().int(), capacity: z.number().int(), occupied: z.number().int(), free: z.number().int(),
    forecast: z.array(ForecastDay) }),
});
export type SitesPage = z.infer<typeof SitesPage>;

export const NewIsolationSite = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(SITE_KINDS),
  regionCode: RegionCode,
  address: z.string().trim().max(200).nullish(),
  contact: z.string().trim().max(100).nullish(),
  status: z.enum(SITE_STATUSES).default('active'),
});
export type NewIsolationSite = z.infer<typeof NewIsolationSite>;

export const IsolationSitePatch = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  kind: z.enum(SITE_KINDS).optional(),
  address: z.string().trim().max(200).nullish(),
  contact: z.string().trim().max(100).nullish(),
  status: z.enum(SITE_STATUSES).optional(),
});
export type IsolationSitePatch = z.infer<typeof IsolationSitePatch>;

/** A run of rooms ("301–330, 1 bed each"): numbers from..to with an optional prefix. */
export const NewRooms = z.object({
  prefix: z.string().trim().max(20).default(''),
  from: z.number().int().min(0).max(99999),
  to: z.number().int().min(0).max(99999),
  /** Pad numbers to this width ("0801"); 0 keeps them as they are. */
  width: z.number().int().min(0).max(6).default(0),
  beds: z.number().int().min(1).max(50),
});
export type NewRooms = z.infer<typeof NewRooms>;

export const RoomPatch = z.object({
  beds: z.number().int().min(1).max(50).optional(),
  status: z.enum(['active', 'closed']).optional(),
});

export const PlacementView = z.object({
  id: z.string(),
  personId: z.string(),
  /** Masked unless the viewer may see the person's region. */
  personName: z.string(),
  phone: z.string().nullable(),
  regionName: z.string(),
  episodeId: z.string().nullable(),
  siteId: z.string(),
  siteName: z.string(),
  roomId: z.string().nullable(),
  roomLabel: z.string().nullable(),
  status: z.enum(PLACEMENT_STATUSES),
  placedAt: z.string(),
  expectedReleaseOn: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  transferredFrom: z.string().nullable(),
  note: z.string().nullable(),
});
export type PlacementView = z.infer<typeof PlacementView>;

export const RoomView = z.object({
  id: z.string(),
  label: z.string(),
  beds: z.number().int(),
  status: z.enum(['active', 'closed']),
  occupied: z.number().int(),
  /** The people in the room that the viewer may see (masked); others count in `occupied` only. */
  occupants: z.array(z.object({ placementId: z.string(), personName: z.string(), expectedReleaseOn: z.string().nullable() })),
});
export type RoomView = z.infer<typeof RoomView>;

export const SiteDetail = IsolationSiteView.extend({ roomList: z.array(RoomView) });
export type SiteDetail = z.infer<typeof SiteDetail>;

export const NewPlacement = z.object({
  personId: z.string().min(1).max(40),
  episodeId: z.string().min(1).max(40).nullish(),
  siteId: z.string().min(1).max(40),
  roomId: z.string().min(1).max(40).nullish(),
  expectedReleaseOn: LocalDate.nullish(),
  note: z.string().trim().max(200).nullish(),
});
export type NewPlacement = z.infer<typeof NewPlacement>;

export const Transfer = z.object({
  siteId: z.string().min(1).max(40),
  roomId: z.string().min(1).max(40).nullish(),
  expectedReleaseOn: LocalDate.nullish(),
  reason: z.string().trim().min(2).max(200),
});

export const Release = z.object({
  reason: z.enum(['released', 'escalated', 'closed']).default('released'),
  note: z.string().trim().max(200).nullish(),
});

export const PlacementQuery = z.object({
  siteId: z.string().max(40).optional(),
  region: RegionCode.optional(),
  status: z.enum(['active', 'ended']).optional(),
  personId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const PlacementHistory = z.array(PlacementView);
