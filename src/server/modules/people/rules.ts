import { validateIdNumber, validateMobile, validatePersonName } from '../../../shared/validators/index.js';
import {
  DERIVED_TAGS, DOC_TYPES, DOC_TYPE_LABELS, ID_SHAPED_DOC_TYPES, ageOn, derivedTags, parseTag,
  type DocType, type PersonTag, type RecordedTag,
} from '../../../shared/people.js';
import type { PersonView } from '../../../shared/contracts/people.js';
import type { FieldIssue } from '../../platform/errors.js';
import { maskDocNumber, maskName, maskPhone } from '../../platform/pii.js';
import type { PersonRow } from './tables.js';

/** A resident's identifying fields after validation, ready to be stored. */
export interface CheckedPerson {
  docType: DocType;
  docNumber: string;
  name: string;
  phone: string | null;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
}

export interface RawPerson {
  docType: DocType;
  docNumber: string;
  name: string;
  phone?: string | null;
}

export type PersonCheck = { ok: true; value: CheckedPerson } | { ok: false; issues: FieldIssue[] };

const OTHER_DOC = /^[A-Z0-9]{5,20}$/;

/**
 * Validates a person's identifying fields and reports every problem at once, each against its
 * field, so a form or an import row can show them all.
 */
export function checkPerson(raw: RawPerson, opts: { today: string; allowLegacy15?: boolean }): PersonCheck {
  const issues: FieldIssue[] = [];
  const name = validatePersonName(raw.name ?? '');
  if (!name.ok) issues.push({ field: 'name', code: name.code, params: { field: '姓名', ...name.params } });

  let docNumber = '';
  let gender: CheckedPerson['gender'] = null;
  let birthDate: string | null = null;
  const doc = (raw.docNumber ?? '').trim().toUpperCase();
  if (doc === '') {
    issues.push({ field: 'docNumber', code: 'REQUIRED', params: { field: '证件号码' } });
  } else if (ID_SHAPED_DOC_TYPES.includes(raw.docType)) {
    const id = validateIdNumber(doc, { today: opts.today, allowLegacy15: opts.allowLegacy15 });
    if (id.ok) {
      docNumber = id.value.number;
      gender = id.value.gender;
      birthDate = id.value.birthDate;
    } else {
      issues.push({ field: 'docNumber', code: id.code, params: id.params });
    }
  } else if (OTHER_DOC.test(doc.replace(/[\s-]/g, ''))) {
    docNumber = doc.replace(/[\s-]/g, '');
  } else {
    issues.push({ field: 'docNumber', code: 'DOC_NUMBER_FORMAT' });
  }

  let phone: string | null = null;
  if (raw.phone != null && raw.phone.trim() !== '') {
    const p = validateMobile(raw.phone);
    if (p.ok) phone = p.value;
    else issues.push({ field: 'phone', code: p.code, params: p.params });
  }

  if (issues.length > 0 || !name.ok) return { ok: false, issues };
  return { ok: true, value: { docType: raw.docType, docNumber, name: name.value, phone, gender, birthDate } };
}

/** What the blind index hashes: type and number, so equal numbers of different documents differ. */
export const docIndexKey = (docType: DocType, docNumber: string) => `${docType}:${docNumber}`;

export interface ViewInputs {
  row: PersonRow;
  docNumber: string;
  phone: string | null;
  regionName: string;
  recordedTags: RecordedTag[];
  today: string;
  /** Names are shown in full to ledger keepers; masked for roles that may not unmask. */
  showName: boolean;
}

export function toPersonView(v: ViewInputs): PersonView {
  const tags: PersonTag[] = [...derivedTags(v.row.birth_date, v.today), ...v.recordedTags];
  return {
    id: v.row.id,
    name: v.showName ? v.row.name : maskName(v.row.name),
    docType: v.row.doc_type as DocType,
    docNumber: maskDocNumber(v.docNumber),
    gender: v.row.gender,
    birthDate: v.row.birth_date,
    age: v.row.birth_date ? ageOn(v.row.birth_date, v.today) : null,
    phone: v.phone ? maskPhone(v.phone) : null,
    regionCode: v.row.region_code,
    regionName: v.regionName,
    address: v.row.address,
    tags,
    status: v.row.status,
    masked: true,
  };
}

/** Splits a tags cell ("慢性病、独居") into recorded tags; age groups in a file are ignored (they are derived). */
export function parseTagsCell(cell: string): { tags: RecordedTag[]; unknown: string[] } {
  const tags = new Set<RecordedTag>();
  const unknown: string[] = [];
  for (const part of cell.split(/[,，、;；\s]+/).filter(Boolean)) {
    const tag = parseTag(part);
    if (!tag) unknown.push(part);
    else if (!(DERIVED_TAGS as readonly string[]).includes(tag)) tags.add(tag as RecordedTag);
  }
  return { tags: [...tags], unknown };
}

/** Reads a document-type cell; an empty cell means a resident ID card. */
export function parseDocType(cell: string): DocType | undefined {
  const t = cell.trim();
  if (t === '') return 'resident_id';
  return DOC_TYPES.find((d) => d === t || DOC_TYPE_LABELS[d]['zh-CN'] === t || DOC_TYPE_LABELS[d].en.toLowerCase() === t.toLowerCase()
    || (d === 'resident_id' && (t === '身份证' || t === '居民身份证号')));
}

/** How a region cell is matched: separators and spaces removed, so "多巴镇 / 金城社区/第3网格" = "多巴镇金城社区第3网格". */
export const regionKey = (text: string) => text.replace(/[\s/／>＞\\|｜-]+/g, '');

export interface RegionEntry {
  code: string;
  path: string;
  level: string;
  /** Names from the township down. */
  names: string[];
}

/**
 * An index from what a cadre may write in the 所属村社区/网格 column to the grid or building it means:
 * the code, or the names from any level down to the grid or building ("金城社区第3网格"). Keys that
 * name more than one place are kept as ambiguous so the row can say so.
 */
export function buildRegionIndex(entries: RegionEntry[]): Map<string, RegionEntry | 'ambiguous'> {
  const index = new Map<string, RegionEntry | 'ambiguous'>();
  for (const e of entries) {
    if (e.level !== 'grid' && e.level !== 'building') continue;
    index.set(e.code, e);
    for (let start = 0; start < e.names.length; start++) {
      const key = regionKey(e.names.slice(start).join(''));
      const seen = index.get(key);
      index.set(key, seen && seen !== e ? 'ambiguous' : e);
    }
  }
  return index;
}
