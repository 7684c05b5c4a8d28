/** Local calendar dates (YYYY-MM-DD) as the field uses them; instants are UTC, China is UTC+8 all year. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local date in China of a UTC instant. */
export function localDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The UTC instant at which a local date begins in China. */
export function startOfLocalDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
