import { addDays } from '../../../../shared/dates.js';

/**
 * Free beds of one site over the coming days, from the stays in it and their expected release dates.
 * A stay holds its bed today whatever its date (the person is still there); on a later day it holds
 * it while that day is before its expected release (a bed is free again on the release day). A stay
 * with no expected date holds its bed throughout. Nobody new is assumed to arrive, so the figures are
 * what the site can still take. Free beds stay within [0, capacity] even when more people are placed
 * than the rooms now hold (rooms closed after the placements).
 */
export interface ForecastDay {
  date: string;
  occupied: number;
  free: number;
}

export function forecastFreeBeds(
  capacity: number,
  stays: readonly { expectedReleaseOn: string | null }[],
  today: string,
  days = 14,
): ForecastDay[] {
  const out: ForecastDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    const occupied = i === 0 ? stays.length
      : stays.filter((s) => s.expectedReleaseOn === null || s.expectedReleaseOn > date).length;
    out.push({ date, occupied, free: Math.min(capacity, Math.max(0, capacity - occupied)) });
  }
  return out;
}

/** Day by day totals of several sites' forecasts (all of the same days). */
export function sumForecasts(forecasts: readonly ForecastDay[][], today: string, days = 14): ForecastDay[] {
  return Array.from({ length: days }, (_, i) => ({
    date: addDays(today, i),
    occupied: forecasts.reduce((n, f) => n + (f[i]?.occupied ?? 0), 0),
    free: forecasts.reduce((n, f) => n + (f[i]?.free ?? 0), 0),
  }));
}

/**
 * The labels of a run of rooms, as a cadre writes it ("301–330"): numbers from `from` to `to`, keeping
 * the width of `from` ("0801" → "0801", "0802", …), with an optional prefix ("A区"). At most 500 rooms.
 */
export function roomLabels(run: { prefix?: string; from: number; to: number; width?: number }): string[] {
  if (!Number.isInteger(run.from) || !Number.isInteger(run.to) || run.from < 0 || run.to < run.from || run.to - run.from >= 500) {
    throw new RangeError('a run of rooms goes up from its first number, at most 500 rooms');
  }
  const width = run.width ?? 0;
  const out: string[] = [];
  for (let n = run.from; n <= run.to; n++) out.push(`${run.prefix ?? ''}${String(n).padStart(width, '0')}`);
  return out;
}

/** What a placement may take: a bed in the site, and in the room when one is named. */
export function placementRefusal(site: { capacity: number; occupied: number }, room?: { beds: number; occupied: number } | null):
  'SITE_FULL' | 'ROOM_FULL' | null {
  if (room && room.occupied >= room.beds) return 'ROOM_FULL';
  if (site.occupied >= site.capacity) return 'SITE_FULL';
  return null;
}
