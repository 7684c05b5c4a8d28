import { requirePermission, scopePaths, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { inTransaction, refreshStatistics, type DbOrTx } from '../../platform/db/index.js';
import type { FieldIssue } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { storeFile } from '../../platform/jobs.js';
import { openSheet, writeErrorReport, writeTable, type ColumnSpec, type SheetRow } from '../../platform/spreadsheet/index.js';
import { addToCounts, findRegions, leafCodes, regionsUnder, type RegionRow } from '../regions/index.js';
import { fieldMessage, type Locale } from '../../../shared/messages.js';
import { todayInChina } from '../../../shared/validators/index.js';
import type { RecordedTag } from '../../../shared/people.js';
import { householdKey, loadResidents, type ResidentToLoad } from './load.js';
import { Sealer } from '../../platform/sealer.js';
import {
  buildRegionIndex, checkPerson, docIndexKey, parseDocType, parseTagsCell, regionKey, type RegionEntry,
} from './rules.js';
import * as store from './store.js';
import type { PersonRow } from './tables.js';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The columns of a residents sheet, with the header texts cadres actually use. */
export const PEOPLE_COLUMNS: ColumnSpec[] = [
  { key: 'name', headers: ['姓名', '居民姓名', 'name'], required: true, label: label('姓名', 'Name') },
  { key: 'docType', headers: ['证件类型', 'docType', 'document type'], label: label('证件类型', 'Document type') },
  { key: 'docNumber', headers: ['身份证号', '身份证号码', '公民身份号码', '证件号码', 'idNumber', 'id number', 'docNumber'],
    required: true, label: label('身份证号', 'ID number') },
  { key: 'phone', headers: ['联系电话', '手机号', '手机号码', '电话', 'phone', 'mobile'], label: label('联系电话', 'Phone') },
  { key: 'region', headers: ['所属村社区/网格', '所属网格', '网格', '所属村社区', 'region', 'grid'], required: true,
    label: label('所属村社区/网格', 'Community/grid') },
  { key: 'address', headers: ['住址', '现住址', '居住地址', '地址', 'address'], label: label('住址', 'Address') },
  { key: 'tags', headers: ['人员标签', '标签', '重点人群', 'tags'], label: label('人员标签', 'Tags') },
];

export interface ImportOutcome {
  created: number;
  merged: number;
  unchanged: number;
  errorRows: number;
  reportFileId: string | null;
  /** The first rows' errors, for showing on screen; the report has them all. */
  errors: { row: number; field: string; message: string }[];
}

/** Below this many rows, starting a worker costs more than it saves. */
const PARALLEL_SEAL_FROM = 5_000;

interface PlannedRow {
  row: SheetRow;
  resident: ResidentToLoad;
  bidx: string;
}

type ImportProgress = (done: number, total: number, stage: string) => void;

/**
 * Imports a residents sheet all or nothing. Every row is checked first (identifiers, region, tags,
 * duplicates in the file and against the ledger); if any row is wrong nothing is written and an
 * xlsx error report is stored. A person already registered with the same data is left alone, so
 * importing the same file again changes nothing; one registered with other details is updated.
 */
export async function importPeople(
  ctx: AppContext,
  actor: Actor,
  source: { input: Buffer | string; filename: string },
  opts: { locale: Locale; onProgress?: ImportProgress } = { locale: 'zh-CN' },
): Promise<ImportOutcome> {
  requirePermission(actor, 'people.capture');
  const db = ctx.handle.db;
  const progress = opts.onProgress ?? (() => {});
  const today = todayInChina();
  const sheet = await openSheet(source.input, source.filename, PEOPLE_COLUMNS, { maxBytes: ctx.config.maxUploadBytes });
  const regions = await regionResolver(db, actor);

  // Large files: identifiers are encrypted on a second core while this one goes on checking rows.
  const sealer = new Sealer(ctx.config.secret, ctx.pii);
  const sealing: Promise<void>[] = [];
  let sentToSeal = 0;
  const planned: PlannedRow[] = [];
  const problems: { row: SheetRow; issues: FieldIssue[] }[] = [];
  const firstRowOf = new Map<string, PlannedRow>();
  let duplicatesMerged = 0;
  try {
    for await (const batch of sheet.batches()) {
      for (const row of batch) {
        const v = row.values;
        const issues: FieldIssue[] = [];
        const docType = parseDocType(v.docType);
        if (!docType) issues.push({ field: 'docType', code: 'DOC_NUMBER_FORMAT' });
        const person = checkPerson({ docType: docType ?? 'resident_id', docNumber: v.docNumber, name: v.name, phone: v.phone },
          { today, allowLegacy15: true });
        if (!person.ok) issues.push(...person.issues);
        const region = regions.resolve(v.region);
        if ('issue' in region) issues.push(region.issue);
        const tags = parseTagsCell(v.tags);
        for (const t of tags.unknown) issues.push({ field: 'tags', code: 'TAG_UNKNOWN', params: { value: t } });
        if (issues.length > 0 || !person.ok || 'issue' in region) {
          problems.push({ row, issues });
          continue;
        }
        const bidx = ctx.pii.blindIndex('doc', docIndexKey(person.value.docType, person.value.docNumber));
        const resident: ResidentToLoad = { ...person.value, region: region.entry, address: v.address || null, tags: tags.tags,
          docBidx: bidx };
        const first = firstRowOf.get(bidx);
        if (first) {
          // The same person twice in one file: harmless if the rows agree, an error if they do not.
          if (sameResident(first.resident, resident)) duplicatesMerged++;
          else problems.push({ row, issues: [{ field: 'docNumber', code: 'DUPLICATE_IN_FILE', params: { row: first.row.rowNumber } }] });
          continue;
        }
        const entry = { row, resident, bidx };
        firstRowOf.set(bidx, entry);
        planned.push(entry);
      }
      if (planned.length >= PARALLEL_SEAL_FROM) {
        const batch = planned.slice(sentToSeal);
        sentToSeal = planned.length;
        sealing.push(sealer.seal(batch.map((p) => [p.resident.docNumber, p.resident.phone]))
          .then((out) => batch.forEach((p, i) => (p.resident.sealed = out[i]))));
      }
      progress(planned.length + problems.length, 0, 'checking');
    }
    await Promise.all(sealing);
  } finally {
    await sealer.close();
  }

  // Against the ledger: new, unchanged, or the same person with other details.
  const existing = new Map<string, PersonRow>();
  for (const p of await store.findPeopleByDocBidx(db, planned.map((p) => p.bidx))) existing.set(p.doc_number_bidx, p);
  const existingTags = await store.tagsOf(db, [...existing.values()].map((p) => p.id));
  const toCreate: ResidentToLoad[] = [];
  const toUpdate: { person: PersonRow; resident: ResidentToLoad }[] = [];
  let unchanged = duplicatesMerged;
  for (const p of planned) {
    const known = existing.get(p.bidx);
    if (!known) {
      toCreate.push(p.resident);
      continue;
    }
    if (!regions.inCaptureScope(known.region_path)) {
      const [where] = await findRegions(db, [known.region_code]);
      problems.push({ row: p.row, issues: [{ field: 'docNumber', code: 'ID_REGISTERED_ELSEWHERE',
        params: { region: where?.name ?? known.region_code } }] });
    } else if (known.name !== p.resident.name) {
      problems.push({ row: p.row, issues: [{ field: 'name', code: 'ID_REGISTERED_OTHER_NAME', params: { name: known.name } }] });
    } else if (differs(ctx, known, existingTags.get(known.id) ?? [], p.resident)) {
      toUpdate.push({ person: known, resident: p.resident });
    } else {
      unchanged++;
    }
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.row.rowNumber - b.row.rowNumber);
    const described = problems.map((p) => ({
      rowNumber: p.row.rowNumber,
      values: p.row.values,
      errors: p.issues.map((i) => ({ field: i.field === 'docNumber' ? 'docNumber' : i.field,
        message: fieldMessage(i.code, opts.locale, { field: columnLabel(i.field, opts.locale), ...i.params }) })),
    }));
    const report = await writeErrorReport(PEOPLE_COLUMNS, described, opts.locale);
    const reportFileId = await storeFile(db, { name: `导入错误报告-${source.filename.replace(/\.\w+$/, '')}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: report, createdBy: actor.userId });
    await audit(db, actor, { action: 'people.import', result: 'failed',
      detail: { file: source.filename, rows: planned.length + problems.length + duplicatesMerged, errorRows: problems.length } });
    return {
      created: 0, merged: 0, unchanged: 0, errorRows: problems.length, reportFileId,
      errors: described.slice(0, 200).flatMap((d) => d.errors.map((e) => ({ row: d.rowNumber, field: e.field, message: e.message }))),
    };
  }

  progress(0, toCreate.length, 'writing');
  await inTransaction(db, async (tx) => {
    const households = new Map<string, string>();
    for (const h of await store.householdsAt(tx, [...new Set(toCreate.map((r) => r.region.code))])) {
      households.set(householdKey(h.region_code, h.address), h.id);
    }
    const loaded = await loadResidents(ctx, tx, toCreate, actor.userId, households);
    for (const [, c] of loaded.byRegion) await addToCounts(tx, c.path, c.households, c.residents);
    for (const u of toUpdate) await applyUpdate(ctx, tx, actor, u.person, u.resident);
    await audit(tx, actor, { action: 'people.import',
      detail: { file: source.filename, created: toCreate.length, merged: toUpdate.length, unchanged } });
  });
  if (toCreate.length >= 20_000) await refreshStatistics(db, ['households', 'people', 'person_tags']);
  return { created: toCreate.length, merged: toUpdate.length, unchanged, errorRows: 0, reportFileId: null, errors: [] };
}

function columnLabel(field: string, locale: Locale): string {
  return PEOPLE_COLUMNS.find((c) => c.key === field)?.label[locale] ?? field;
}

function sameResident(a: ResidentToLoad, b: ResidentToLoad): boolean {
  return a.name === b.name && a.phone === b.phone && a.region.code === b.region.code && a.address === b.address
    && [...a.tags].sort().join() === [...b.tags].sort().join();
}

/** Whether the file says something new about a registered person; empty cells never erase. */
function differs(ctx: AppContext, known: PersonRow, knownTags: string[], r: ResidentToLoad): boolean {
  if (r.region.code !== known.region_code) return true;
  if (r.address && r.address !== known.address) return true;
  // Phones compare by blind index: no decryption for the ledger's whole population on a re-run.
  if (r.phone && known.phone_bidx !== (r.sealed?.[2] ?? ctx.pii.blindIndex('phone', r.phone))) return true;
  return r.tags.some((t) => !knownTags.includes(t));
}

async function applyUpdate(ctx: AppContext, tx: DbOrTx, actor: Actor, known: PersonRow, r: ResidentToLoad): Promise<void> {
  const moved = r.region.code !== known.region_code;
  const address = r.address ?? known.address;
  let householdId = known.household_id;
  let newHousehold = 0;
  if (r.address && (moved || r.address !== known.address)) {
    const found = await store.findHousehold(tx, r.region.code, r.address);
    if (found) householdId = found.id;
    else {
      householdId = await store.createHousehold(tx, r.region.code, r.region.path, r.address);
      newHousehold = 1;
    }
  }
  await store.updatePerson(tx, known.id, {
    region_code: r.region.code, region_path: r.region.path, address, household_id: householdId,
    ...(r.phone ? { phone_enc: ctx.pii.encrypt(r.phone), phone_bidx: ctx.pii.blindIndex('phone', r.phone) } : {}),
    updated_at: nowIso(), updated_by: actor.userId,
  });
  const tags = [...new Set([...(await store.tagsOf(tx, [known.id])).get(known.id) ?? [], ...r.tags])] as RecordedTag[];
  await store.replaceTags(tx, known.id, tags.map((tag) => ({ person_id: known.id, tag, region_path: r.region.path })));
  if (moved) await addToCounts(tx, known.region_path, 0, -1);
  if (moved || newHousehold) await addToCounts(tx, r.region.path, newHousehold, moved ? 1 : 0);
}

/** Resolves the region column against the grids and buildings in the actor's capture scope. */
async function regionResolver(db: DbOrTx, actor: Actor) {
  const paths = scopePaths(actor, undefined, 'capture');
  const under = await regionsUnder(db, paths, ['township', 'community', 'grid', 'building']);
  const above = await findRegions(db, [...new Set(paths.flatMap((p) => p.split('/')))]);
  const names = new Map<string, RegionRow>([...above, ...under].map((r) => [r.code, r]));
  const entries: RegionEntry[] = under.map((r) => ({
    code: r.code, path: r.path, level: r.level,
    names: r.path.split('/').slice(1).map((c) => names.get(c)?.name ?? c),
  }));
  const index = buildRegionIndex(entries);
  // Grid and building codes of the whole district, to tell "not yours" from "does not exist".
  const anywhere = await leafCodes(db);
  const inCaptureScope = (path: string) => paths.some((p) => path === p || path.startsWith(`${p}/`));
  return {
    inCaptureScope,
    resolve(cell: string): { entry: { code: string; path: string } } | { issue: FieldIssue } {
      const value = cell.trim();
      if (value === '') return { issue: { field: 'region', code: 'REQUIRED', params: { field: '所属村社区/网格' } } };
      const hit = index.get(regionKey(value));
      if (hit === 'ambiguous') return { issue: { field: 'region', code: 'REGION_AMBIGUOUS', params: { value } } };
      if (hit) return { entry: { code: hit.code, path: hit.path } };
      if (anywhere.has(value)) {
        return { issue: { field: 'region', code: 'REGION_OUT_OF_SCOPE', params: { value } } };
      }
      return { issue: { field: 'region', code: 'REGION_UNKNOWN', params: { value } } };
    },
  };
}

/** The sheet a cadre fills in: the import's Chinese headers, nothing else. */
export function importTemplate(): Promise<Buffer> {
  return writeTable(PEOPLE_COLUMNS.filter((c) => c.key !== 'docType').map((c) => ({ key: c.key, header: c.label['zh-CN'], width: 18 })),
    [], { sheetName: '人员台账' });
}
