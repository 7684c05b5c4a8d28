/** Cell-level conversions shared by the readers: addresses, numbers and dates as text. */

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 'C5' → { row: 5, col: 3 }; undefined when the text is not an A1 reference. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return undefined;
  return { col: columnNumber(m[1]), row: Number(m[2]) };
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n;
}

/**
 * A numeric cell as the digits a person expects, never in scientific notation. Excel keeps 15
 * significant digits (an 18-digit ID typed as a number is stored as 6.30121199001011E+17), so the value
 * is rounded to 15 digits — which also hides binary noise such as 0.30000000000000004 — and then
 * written out in full: "630121199001011000". The validator rejects such an ID; we must not invent digits.
 */
export function numberText(raw: string): string {
  // Most cells are short integers (phones, counts) that are already written as wanted.
  if (raw.length <= 15 && /^-?[1-9]\d*$|^0$/.test(raw)) return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return raw.trim();
  if (Number.isSafeInteger(n)) return String(n);
  return plainDecimal(String(Number(n.toPrecision(15))));
}

/** '6.3e+17' → '630000000000000000', '1.5e-7' → '0.00000015'; other text unchanged. */
function plainDecimal(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, intPart, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = intPart + frac;
  const point = intPart.length + exp; // position of the decimal point within `digits`
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return sign + out;
}

// Built-in number formats that Excel shows as dates or times (ids 27–36 and 50–58 are the
// East Asian date formats Chinese Excel uses for 年月日). Custom formats are classified by their code.
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);
const BUILTIN_DATE_TIME = new Set([22]);

export type DateKind = 'date' | 'datetime' | 'time';

/** Whether a cell style's number format shows a date, and which parts of it. */
export function dateKind(numFmtId: number, formatCode: string | undefined): DateKind | undefined {
  if (formatCode === undefined) {
    if (!BUILTIN_DATE_FORMATS.has(numFmtId)) return undefined;
    return BUILTIN_TIME_ONLY.has(numFmtId) ? 'time' : BUILTIN_DATE_TIME.has(numFmtId) ? 'datetime' : 'date';
  }
  // Drop what is not a date token: quoted literals, escaped characters, [colour]/[$-804] sections;
  // but keep elapsed-time tokens such as [h]:mm.
  const code = formatCode
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (code === 'general' || code === '@') return undefined;
  // 'm' is minutes right after h or right before s (h:mm, mm:ss), months otherwise; 'e' is the era
  // year (民国 calendars) except in scientific notation (0.00E+00).
  const ampm = /am\/pm|a\/p|上午\/下午/.test(code);
  const tokens = code
    .replace(/am\/pm|a\/p|上午\/下午/g, '')
    .replace(/(h+[^a-z]*)m+/g, '$1')
    .replace(/m+([^a-z]*s)/g, '$1');
  const hasDate = /[ymd]/.test(tokens) || /e(?![+-])/.test(tokens);
  const hasTime = ampm || /[hs]/.test(tokens);
  if (!hasDate && !hasTime) return undefined;
  return hasDate && hasTime ? 'datetime' : hasDate ? 'date' : 'time';
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel date serial as text: 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss]' or 'HH:mm[:ss]'. Serials are
 * local wall-clock values with no zone, so the arithmetic is done in UTC and printed as is.
 */
export function excelDateText(serial: number, kind: DateKind, date1904: boolean): string {
  // Excel's 1900 system counts a 29 February 1900 that never was; serials before it are one day off.
  const adjusted = !date1904 && serial > 0 && serial < 60 ? serial + 1 : serial;
  const ms = Math.round(adjusted * 86_400) * 1000; // to the nearest second: serials carry float noise
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + (kind === 'date' ? Math.floor(ms / DAY_MS) * DAY_MS : ms));
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const sec = d.getUTCSeconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${sec ? ':' + pad(sec) : ''}`;
  return kind === 'date' ? date : kind === 'time' ? time : `${date} ${time}`;
}

/** An ISO 8601 value of a `t="d"` cell, shown like a serial date would be. */
export function isoDateText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(iso.trim());
  if (!m) return iso.trim();
  const [, date, hm, sec] = m;
  if (!hm || (hm === '00:00' && (!sec || sec === ':00'))) return date;
  return `${date} ${hm}${sec && sec !== ':00' ? sec : ''}`;
}

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
