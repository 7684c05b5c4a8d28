import type { ErrorCode, FieldMessageCode } from '../../../../shared/messages.js';
import { MANAGED_CATEGORIES, MANAGED_CATEGORY_LABELS, type ManagedCategory } from '../../../../shared/screening.js';
import { validateIdNumber, validateMobile, validatePersonName } from '../../../../shared/validators/index.js';
import { checkDraft, type PlanningContext } from './episodes.js';

/** One problem of a 协查 row: a field message (shared validators) or a screening error code. */
export type RowIssue = { field: string; params?: Record<string, unknown> }
  & ({ kind: 'field'; code: FieldMessageCode } | { kind: 'error'; code: ErrorCode });

/** A 协查 row checked: what matching and opening an episode need. */
export interface XiechaRow {
  rowNumber: number;
  name: string;
  idNumber: string;
  phone: string | null;
  reason: string | null;
  sourceArea: string | null;
  category: ManagedCategory;
  /** Whether the category came from the row's 类别 column (else from the form). */
  ownCategory: boolean;
  anchorDate: string;
  /** The measure has already run out (e.g. left a high-risk zone over 7 days ago): nothing to open. */
  lapsed: boolean;
}

const ALIASES: Record<string, ManagedCategory> = {
  密接: 'CLOSE_CONTACT', 密切接触者: 'CLOSE_CONTACT', 次密接: 'SECONDARY_CONTACT', 密接的密接: 'SECONDARY_CONTACT',
  确诊: 'CONFIRMED', 无症状: 'ASYMPTOMATIC', 入境: 'INBOUND', 入境人员: 'INBOUND', 高风险区: 'HIGH_ZONE_TRAVEL',
  中风险区: 'MID_ZONE_TRAVEL', 低风险区: 'LOW_ZONE_TRAVEL', 高风险岗位: 'HIGH_RISK_POST', 混管阳性: 'POOL_POSITIVE',
  高风险区来返: 'HIGH_ZONE_TRAVEL', 中风险区来返: 'MID_ZONE_TRAVEL', 低风险区来返: 'LOW_ZONE_TRAVEL',
};

/** A category cell: its code (CLOSE_CONTACT), its Chinese or English label, or a usual short form (密接, 次密接, 高风险区). */
export function categoryOf(cell: string): ManagedCategory | undefined {
  const t = cell.trim().replace(/\s+/g, '');
  if (t === '') return undefined;
  const upper = t.toUpperCase();
  const byCode = MANAGED_CATEGORIES.find((c) => c === upper);
  if (byCode) return byCode;
  const byLabel = MANAGED_CATEGORIES.find((c) => MANAGED_CATEGORY_LABELS[c]['zh-CN'] === t
    || MANAGED_CATEGORY_LABELS[c].en.replace(/\s+/g, '').toLowerCase() === t.toLowerCase());
  return byLabel ?? ALIASES[t.replace(/人员$/, '')] ?? ALIASES[t];
}

/** A date cell: 2022-08-20, 2022/8/20, 2022.8.20, 20220820 or 2022年8月20日; undefined when it is not a real date. */
export function parseDate(cell: string): string | undefined {
  const t = cell.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** A span cell (起止日期): "2022-08-18至2022-08-20" (also ~, ～, —, 到, 一 dash between dates) or one date; its last day. */
export function spanEnd(cell: string): { ok: true; from: string; to: string } | { ok: false } {
  const parts = cell.trim().split(/\s*(?:至|到|~|～|—|–|--)\s*/).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return { ok: false };
  const dates = parts.map(parseDate);
  if (dates.some((d) => !d)) return { ok: false };
  const [from, to = from] = dates as string[];
  return to < from ? { ok: false } : { ok: true, from, to };
}

/**
 * Checks one row of a 协查 list and says everything wrong with it at once: name, ID number (format,
 * date, check digit), phone, the dates (readable, not in the future; the last exposure, else the end
 * of the span, anchors the plan), the category (the row's 类别 or the form's), and whether the plan
 * in force has that category on that date.
 */
export function checkXiechaRow(
  rowNumber: number,
  v: Record<string, string>,
  opts: { defaultCategory?: ManagedCategory; today: string; response: PlanningContext },
): { ok: true; row: XiechaRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const name = validatePersonName(v.name ?? '');
  if (!name.ok) issues.push({ kind: 'field', field: 'name', code: name.code, params: { field: '姓名', ...name.params } });
  const id = validateIdNumber(v.docNumber ?? '', { today: opts.today, allowLegacy15: true });
  if (!id.ok) issues.push({ kind: 'field', field: 'docNumber', code: id.code, params: { field: '证件号码', ...id.params } });
  let phone: string | null = null;
  if ((v.phone ?? '').trim() !== '') {
    const p = validateMobile(v.phone);
    if (p.ok) phone = p.value;
    else issues.push({ kind: 'field', field: 'phone', code: p.code, params: p.params });
  }

  let anchor: string | undefined;
  const last = (v.lastExposure ?? '').trim();
  const span = (v.span ?? '').trim();
  if (last !== '') {
    anchor = parseDate(last);
    if (!anchor) issues.push({ kind: 'error', field: 'lastExposure', code: 'XIECHA_DATE_FORMAT', params: { value: last } });
  }
  if (span !== '') {
    const s = spanEnd(span);
    if (!s.ok) issues.push({ kind: 'error', field: 'span', code: 'XIECHA_DATE_FORMAT', params: { value: span } });
    else {
      if (s.to > opts.today) issues.push({ kind: 'field', field: 'span', code: 'DATE_FUTURE' });
      anchor ??= s.to;
    }
  }
  if (last === '' && span === '') issues.push({ kind: 'error', field: 'lastExposure', code: 'XIECHA_DATE_MISSING' });
  if (last !== '' && anchor && anchor > opts.today) issues.push({ kind: 'field', field: 'lastExposure', code: 'DATE_FUTURE' });

  const cell = (v.category ?? '').trim();
  const own = cell === '' ? undefined : categoryOf(cell);
  if (cell !== '' && !own) issues.push({ kind: 'error', field: 'category', code: 'XIECHA_CATEGORY_UNKNOWN', params: { value: cell } });
  const category = own ?? opts.defaultCategory;
  if (cell === '' && !category) issues.push({ kind: 'error', field: 'category', code: 'XIECHA_CATEGORY_REQUIRED' });

  let lapsed = false;
  if (issues.length === 0 && category && anchor) {
    const problem = checkDraft({ personId: '', category, anchorDate: anchor, source: 'xiecha' }, opts.today, opts.response);
    if (problem?.code === 'NO_MEASURE_NEEDED') lapsed = true;
    else if (problem?.code === 'NO_RULE_SET_IN_FORCE') issues.push({ kind: 'error', field: 'lastExposure', code: 'NO_RULE_SET_IN_FORCE', params: { date: problem.date } });
    else if (problem?.code === 'CATEGORY_NOT_IN_RULE_SET') {
      issues.push({ kind: 'error', field: 'category', code: 'CATEGORY_NOT_IN_RULE_SET', params: { category, ruleSetName: problem.ruleSetName } });
    } else if (problem) issues.push({ kind: 'field', field: 'lastExposure', code: 'DATE_FUTURE' });
  }
  if (issues.length > 0 || !name.ok || !id.ok || !category || !anchor) return { ok: false, issues };
  return { ok: true, row: {
    rowNumber, name: name.value, idNumber: id.value.number, phone, reason: (v.reason ?? '').trim() || null,
    sourceArea: (v.sourceArea ?? '').trim() || null, category, ownCategory: !!own, anchorDate: anchor, lapsed,
  } };
}

/**
 * Rows of one person in one category listed twice (two senders, two trips) become one, from the
 * latest anchor date; the same person in two categories stays two rows.
 */
export function mergeDuplicates(rows: XiechaRow[]): { unique: XiechaRow[]; duplicates: number } {
  const byKey = new Map<string, XiechaRow>();
  for (const r of rows) {
    const key = `${r.idNumber}|${r.category}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, r);
    else if (r.anchorDate > seen.anchorDate) byKey.set(key, { ...r, rowNumber: seen.rowNumber });
  }
  return { unique: [...byKey.values()], duplicates: rows.length - byKey.size };
}

/** Where a matched person goes: routed to their grid when the importer covers them, else passed on. */
export function routeOf(personPath: string, importerPaths: string[]): 'route' | 'elsewhere' {
  return importerPaths.some((p) => personPath === p || personPath.startsWith(`${p}/`)) ? 'route' : 'elsewhere';
}
