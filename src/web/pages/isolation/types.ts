/** Types of the isolation API, inferred from the shared zod contracts (types only). */
import type { z } from 'zod';
import type { PlacementQuery } from '../../../shared/contracts/isolation/sites.js';

export type {
  ForecastDay, IsolationSiteView, PlacementView, RoomView, SiteDetail, SitesPage,
} from '../../../shared/contracts/isolation/sites.js';
export type { ProposalView, ZoneView } from '../../../shared/contracts/isolation/zones.js';
export type { IsolationSummary } from '../../../shared/contracts/isolation/summary.js';
export type PlacementQueryInput = z.input<typeof PlacementQuery>;
export type ZoneLevel = 'high' | 'medium' | 'low';
export const LEVEL_COLOR: Record<ZoneLevel, string> = { high: 'red', medium: 'orange', low: 'gold' };
