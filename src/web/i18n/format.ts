import type { Locale } from '../../shared/messages.js';

/** Instants are stored in UTC and shown in China's time, whatever the device's zone. */
const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

/**
 * The instant of a date and time read on a clock in China ('YYYY-MM-DDTHH:mm'), whatever the device's
 * zone. China keeps UTC+8 all year, so the offset is fixed.
 */
export function chinaTimeToIso(wallClock: string): string {
  return new Date(`${wallClock}:00+08:00`).toISOString();
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}
