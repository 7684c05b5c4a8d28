/**
 * Calendar dates as the field uses them (YYYY-MM-DD, local to China); instants are stored in UTC and
 * China keeps UTC+8 all year. Every module counts days with these, so a measure's D1 and a zone's
 * clean days agree.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one local date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The local (China) calendar day of a UTC instant. */
export function chinaDay(instant: string): string {
  return new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a local (China) day begins. */
export function chinaMidnight(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
