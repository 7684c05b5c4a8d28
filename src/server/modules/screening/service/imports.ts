import crypto from 'node:crypto';
import fs from 'node:fs';
import { can, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { bulkInsert } from '../../../platform/db/bulk.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { failJob, finishFileJob, runJob, startJob, storeFile, type FileJobInput } from '../../../platform/jobs.js';
import { maskDocNumber, maskName, maskPhone } from '../../../platform/pii.js';
import { openSheet, writeErrorReport, type ColumnSpec } from '../../../platform/spreadsheet/index.js';
import { runInWorker } from '../../../platform/worker.js';
import { docIndexKey, findPeopleByDocBidx, peopleByIds, saveUpload } from '../../people/index.js';
import { createTask } from '../../tasks/index.js';
import { errorMessage, fieldMessage, type Locale } from '../../../../shared/messages.js';
import { MANAGED_CATEGORY_LABELS, type ManagedCategory } from '../../../../shared/screening.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import type {
  ResolveUnmatched, UnmatchedView, XiechaImportView, XiechaOutcome,
} from '../../../../shared/contracts/screening/imports.js';
import type { ImportRow, UnmatchedRow } from '../tables.js';
import { checkXiechaRow, mergeDuplicates, routeOf, type RowIssue, type XiechaRow } from '../rules/imports.js';
import * as store from '../store/imports.js';
import { openEpisodes, planningContext, type EpisodeDraft } from './episodes.js';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The columns of a 协查 list, with the header texts the lists pushed down actually carry. */
export const XIECHA_COLUMNS: ColumnSpec[] = [
  { key: 'name', headers: ['姓名', '人员姓名', 'name'], required: true, label: label('姓名', 'Name') },
  { key: 'docNumber', headers: ['证件号码', '身份证号', '身份证号码', '公民身份号码', 'idNumber', 'id number', 'docNumber'],
    required: true, label: label('证件号码', 'ID number') },
  { key: 'phone', headers: ['手机号码', '联系电话', '手机号', '电话', 'phone', 'mobile'], label: label('手机号码', 'Phone') },
  { key: 'reason', headers: ['协查原因', '推送原因', '原因', 'reason'], label: label('协查原因', 'Reason') },
  { key: 'sourceArea', headers: ['来源地区', '来源地', '风险地区', '途经地区', 'source area', 'sourceArea'],
    label: label('来源地区', 'Source area') },
  { key: 'span', headers: ['起止日期', '旅居日期', '停留日期', 'dates', 'span'], label: label('起止日期', 'Dates') },
  { key: 'lastExposure', headers: ['末次暴露日期', '末次接触日期', '最后接触日期', '离开日期', 'last exposure', 'lastExposure'],
    label: label('末次暴露日期', 'Last exposure') },
  { key: 'category', headers: ['类别', '人员类别', '人员分类', 'category'], label: label('类别', 'Category') },
];

interface Problem { rowNumber: number; values: Record<string, string>; issues: RowIssue[] }
type Progress = (done: number, total: number, stage: string) => void;

function message(i: RowIssue, locale: Locale): string {
  const field = XIECHA_COLUMNS.find((c) => c.key === i.field)?.label[locale] ?? i.field;
  if (i.kind === 'field') return fieldMessage(i.code, locale, { field, ...i.params });
  if (i.code === 'CATEGORY_NOT_IN_RULE_SET') {
    const p = i.params as { category: ManagedCategory; ruleSetName: Record<Locale, string> };
    return errorMessage(i.code, locale, { category: MANAGED_CATEGORY_LABELS[p.category][locale], ruleSet: p.ruleSetName[locale] });
  }
  return errorMessage(i.code, locale, i.params);
}

function contentHash(rows: XiechaRow[], category: ManagedCategory | undefined): string {
  const lines = rows.map((r) => [r.name, r.idNumber, r.phone, r.reason, r.sourceArea, r.ownCategory ? r.category : null, r.anchorDate]);
  return crypto.createHash('sha256').update(JSON.stringify({ category: category ?? null, lines })).digest('hex');
}

const empty = { importId: null, repeated: false, rows: 0, duplicates: 0, matched: 0, created: 0, merged: 0, lapsed: 0, unmatched: 0,
  elsewhere: 0, grids: 0, errorRows: 0, reportFileId: null, errors: [] } satisfies XiechaOutcome;

/** The regions an actor imports for: where the import is filed, and who it may route people to. */
function importerPaths(actor: Actor): string[] {
  const paths = scopePaths(actor, undefined, 'capture');
  if (paths.length === 0) throw new AppError('OUT_OF_SCOPE');
  return paths;
}

/**
 * Imports a 协查 list all or nothing. Every row is checked first (ID number and its check digit,
 * phone, dates not in the future, a known category the plan has); one broken row refuses the whole
 * file with an xlsx row report. Otherwise, in one transaction: rows are matched to the ledger by
 * blind index, the same person listed twice is merged, people in the importer's regions become
 * episodes (merged into an open one of the same category) with a task per grid saying how many came,
 * people not in the ledger are kept (encrypted) as a list to find, and the import is recorded with
 * its figures. The same file again (by SHA-256) changes nothing and shows the first report.
 */
export async function importXiecha(
  ctx: AppContext,
  actor: Actor,
  source: { input: Buffer | string; filename: string },
  opts: { locale: Locale; category?: ManagedCategory; source?: string; jobId?: string | null; onProgress?: Progress },
): Promise<XiechaOutcome> {
  requirePermission(actor, 'screening.import');
  const paths = importerPaths(actor);
  const db = ctx.handle.db;
  const progress = opts.onProgress ?? (() => {});
  const bytes = typeof source.input === 'string' ? fs.readFileSync(source.input) : source.input;
  const today = todayInChina();
  const response = await planningContext(db);
  const sheet = await openSheet(bytes, source.filename, XIECHA_COLUMNS, { maxBytes: ctx.config.maxUploadBytes });
  const checked: XiechaRow[] = [];
  const problems: Problem[] = [];
  for await (const batch of sheet.batches()) {
    for (const r of batch) {
      const c = checkXiechaRow(r.rowNumber, r.values, { defaultCategory: opts.category, today, response });
      if (c.ok) checked.push(c.row);
      else problems.push({ rowNumber: r.rowNumber, values: r.values, issues: c.issues });
    }
    progress(checked.length + problems.length, 0, 'checking');
  }
  const rows = checked.length + problems.length;
  if (problems.length > 0) return refuse(ctx, actor, source.filename, rows, problems, opts.locale);
  // The same list again changes nothing: known by what it says, not by its bytes (a list saved or
  // exported again differs in its file's timestamps, not in its people).
  const sha = contentHash(checked, opts.category);
  const before = await store.findImportByContent(db, sha);
  if (before) return { ...empty, ...figuresOf(before), importId: before.id, repeated: true };

  const { unique, duplicates } = mergeDuplicates(checked);
  const bidxOf = new Map(unique.map((r) => [r, ctx.pii.blindIndex('doc', docIndexKey('resident_id', r.idNumber))]));
  const people = new Map((await findPeopleByDocBidx(db, [...new Set(bidxOf.values())]))
    .filter((p) => p.status === 'active').map((p) => [p.doc_number_bidx, p]));
  const importId = newId();
  const now = nowIso();
  const drafts: (EpisodeDraft & { gridPath: string })[] = [];
  const unmatched: UnmatchedRow[] = [];
  let lapsed = 0;
  let elsewhere = 0;
  for (const r of unique) {
    const bidx = bidxOf.get(r)!;
    const person = people.get(bidx);
    const route = person ? routeOf(person.region_path, paths) : null;
    if (route === 'route' && r.lapsed) {
      lapsed++;
      continue;
    }
    if (route === 'route') {
      drafts.push({ personId: person!.id, category: r.category, anchorDate: r.anchorDate, source: 'xiecha', sourceRef: importId,
        note: [r.reason, r.sourceArea].filter(Boolean).join('；') || null, gridPath: person!.region_path.split('/').slice(0, 4).join('/') });
      continue;
    }
    if (route === 'elsewhere') elsewhere++;
    unmatched.push({
      id: newId(), import_id: importId, row_number: r.rowNumber, name: r.name, doc_number_enc: ctx.pii.encrypt(r.idNumber),
      doc_number_bidx: bidx, phone_enc: r.phone ? ctx.pii.encrypt(r.phone) : null, reason: r.reason, source_area: r.sourceArea,
      anchor_date: r.anchorDate, category: r.ownCategory ? r.category : null, status: route === 'elsewhere' ? 'elsewhere' : 'to_find',
      person_id: route === 'elsewhere' ? person!.id : null, region_path: paths[0], updated_at: now, updated_by: actor.userId,
    });
  }
  const category = opts.category ?? unique[0]?.category;
  if (!category) throw new AppError('XIECHA_CATEGORY_REQUIRED');

  progress(0, drafts.length, 'writing');
  const byGrid = new Map<string, number>();
  for (const d of drafts) byGrid.set(d.gridPath, (byGrid.get(d.gridPath) ?? 0) + 1);
  const row: ImportRow = {
    id: importId, file_name: source.filename, content_sha256: sha, source: opts.source?.trim() || null, category, status: 'done',
    rows, matched: drafts.length, unmatched: unmatched.length - elsewhere, merged: 0, job_id: opts.jobId ?? null,
    region_path: paths[0], created_at: now, created_by: actor.userId,
  };
  const opened = await inTransaction(db, async (tx) => {
    // The same file sent twice at once: the second to get here finds the first one's import and writes nothing.
    const first = await store.findImportByContent(tx, sha);
    if (first) return first;
    const result = await openEpisodes(tx, actor, drafts.map(({ gridPath: _, ...d }) => d), today);
    await store.insertImport(tx, { ...row, merged: result.merged.length });
    await bulkInsert(ctx.handle, tx, 'screening_import_unmatched', unmatched);
    const listName = row.source ?? source.filename;
    for (const [gridPath, n] of byGrid) {
      await createTask(tx, actor, {
        title: `协查名单转入 ${n} 人（${MANAGED_CATEGORY_LABELS[category]['zh-CN']}，${listName}），请核实落实管控`, kind: 'screening.xiecha',
        sourceModule: 'screening', sourceId: importId, target: { type: 'region', id: gridPath.split('/').pop()! }, regionPath: gridPath,
        workstream: 'screening', dueAt: new Date(Date.now() + 12 * 3_600_000).toISOString(), note: null,
      });
    }
    await audit(tx, actor, { action: 'screening.xiecha.import', subjectType: 'screening_import', subjectId: importId, regionPath: paths[0],
      detail: { file: source.filename, sha256: sha, rows, matched: drafts.length, created: result.created.length,
        merged: result.merged.length, unmatched: unmatched.length - elsewhere, elsewhere, lapsed, duplicates } });
    return result;
  });
  if ('content_sha256' in opened) return { ...empty, ...figuresOf(opened), importId: opened.id, repeated: true };
  return { ...empty, importId, rows, duplicates, matched: drafts.length, created: opened.created.length, merged: opened.merged.length,
    lapsed, unmatched: unmatched.length - elsewhere, elsewhere, grids: byGrid.size };
}

function figuresOf(row: ImportRow) {
  return { rows: row.rows, matched: row.matched, merged: row.merged, created: row.matched - row.merged, unmatched: row.unmatched };
}

async function refuse(ctx: AppContext, actor: Actor, filename: string, rows: number, problems: Problem[], locale: Locale): Promise<XiechaOutcome> {
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  const described = problems.map((p) => ({ rowNumber: p.rowNumber, values: p.values,
    errors: p.issues.map((i) => ({ field: i.field, code: i.code, message: message(i, locale) })) }));
  const report = await writeErrorReport(XIECHA_COLUMNS, described, locale);
  const reportFileId = await storeFile(ctx.handle.db, { name: `协查名单错误报告-${filename.replace(/\.\w+$/, '')}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: report, createdBy: actor.userId });
  await audit(ctx.handle.db, actor, { action: 'screening.xiecha.import', result: 'failed',
    detail: { file: filename, rows, errorRows: problems.length } });
  return { ...empty, rows, errorRows: problems.length, reportFileId,
    errors: described.slice(0, 200).flatMap((d) => d.errors.map((e) => ({ row: d.rowNumber, ...e }))) };
}

export interface XiechaJobInput extends FileJobInput {
  category?: ManagedCategory;
  source?: string;
}

/** Worker side of a large list: its own connection, the outcome recorded on the job. */
export async function runXiechaJob(input: XiechaJobInput): Promise<void> {
  try {
    await runJob(input.config, input.jobId, input.locale, (ctx, job) => finishFileJob(job, () => importXiecha(ctx, input.actor,
      { input: input.file, filename: input.filename }, { locale: input.locale, category: input.category, source: input.source,
        jobId: input.jobId, onProgress: (done, total, stage) => void job.progress(done, total, stage) }), input.locale, 'XIECHA_HAS_ERRORS'));
  } finally {
    fs.rmSync(input.file, { force: true });
  }
}

/** Lists up to this size are imported on the main thread (a few hundred rows, well under a second). */
const IN_PROCESS_MAX_BYTES = 64 * 1024;

/**
 * Starts an import as a job (202 with its id; GET /api/v1/jobs/{id} shows progress and the outcome):
 * small lists on the main thread, large ones in a worker thread with its own connection.
 */
export async function startXiechaImport(
  ctx: AppContext,
  actor: Actor,
  upload: { stream: NodeJS.ReadableStream & { truncated?: boolean }; filename: string; locale: Locale; category?: ManagedCategory;
    source?: string },
): Promise<{ jobId: string }> {
  requirePermission(actor, 'screening.import');
  importerPaths(actor);
  const file = await saveUpload(ctx, upload.stream, upload.filename);
  const job = await startJob(ctx.handle.db, 'screening.xiecha.import', actor.userId);
  const input: XiechaJobInput = { config: ctx.config, actor, jobId: job.id, locale: upload.locale, file, filename: upload.filename,
    category: upload.category, source: upload.source };
  if (fs.statSync(file).size <= IN_PROCESS_MAX_BYTES) {
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    void finishFileJob(job, () => importXiecha(ctx, actor, { input: bytes, filename: upload.filename }, { locale: upload.locale,
      category: upload.category, source: upload.source, jobId: job.id,
      onProgress: (done, total, stage) => void job.progress(done, total, stage) }), upload.locale, 'XIECHA_HAS_ERRORS');
  } else {
    runInWorker(import.meta.url, 'runXiechaJob', input).catch((err: unknown) => failJob(job, err, upload.locale).catch(() => {}));
  }
  return { jobId: job.id };
}

// ---- Reading imports and the list to find ----

const under = (p: string, scope: string) => p === scope || p.startsWith(`${scope}/`);

async function visibleImport(db: DbOrTx, actor: Actor, id: string): Promise<ImportRow> {
  const row = await store.findImport(db, id);
  if (!row || !scopePaths(actor).some((p) => under(row.region_path, p))) throw new AppError('NOT_FOUND');
  return row;
}

function importView(row: ImportRow, toFind: number): XiechaImportView {
  return { id: row.id, fileName: row.file_name, source: row.source, category: row.category, status: row.status, rows: row.rows,
    matched: row.matched, merged: row.merged, unmatched: row.unmatched, toFind, regionCode: row.region_path.split('/').pop()!,
    createdAt: row.created_at };
}

/** 协查 lists imported in the actor's regions, newest first. */
export async function listImports(ctx: AppContext, actor: Actor): Promise<XiechaImportView[]> {
  requirePermission(actor, 'screening.import');
  const rows = await store.importsUnder(ctx.handle.db, scopePaths(actor));
  const toFind = await store.toFindCounts(ctx.handle.db, rows.map((r) => r.id));
  return rows.map((r) => importView(r, toFind.get(r.id) ?? 0));
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<XiechaImportView> {
  requirePermission(actor, 'screening.import');
  const row = await visibleImport(ctx.handle.db, actor, id);
  return importView(row, (await store.toFindCounts(ctx.handle.db, [id])).get(id) ?? 0);
}

function unmatchedView(ctx: AppContext, r: UnmatchedRow, category: ManagedCategory, showName: boolean): UnmatchedView {
  return { id: r.id, importId: r.import_id, rowNumber: r.row_number, name: showName ? r.name : maskName(r.name),
    docNumber: maskDocNumber(ctx.pii.decrypt(r.doc_number_enc)), phone: r.phone_enc ? maskPhone(ctx.pii.decrypt(r.phone_enc)) : null,
    reason: r.reason, sourceArea: r.source_area, anchorDate: r.anchor_date, category: r.category ?? category, status: r.status,
    personId: r.person_id, updatedAt: r.updated_at };
}

/** The people of a list not found in the ledger (masked identifiers), by row. Audited: it shows listed people. */
export async function listUnmatched(ctx: AppContext, actor: Actor, importId: string,
  q: { status?: UnmatchedRow['status']; page: number; pageSize: number }) {
  requirePermission(actor, 'screening.import');
  const db = ctx.handle.db;
  const imp = await visibleImport(db, actor, importId);
  const { rows, total } = await store.pageOfUnmatched(db, importId, q.status, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  await audit(db, actor, { action: 'screening.xiecha.unmatched.view', subjectType: 'screening_import', subjectId: importId,
    regionPath: imp.region_path, detail: { status: q.status ?? null, page: q.page, rows: rows.length } });
  const showName = can(actor, 'people.unmask');
  return { items: rows.map((r) => unmatchedView(ctx, r, imp.category, showName)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * What finding a listed person came to: found (the ledger entry with the listed ID number, registered
 * since or living in the actor's regions: an episode opens from the listed date) or not here.
 */
export async function resolveUnmatched(ctx: AppContext, actor: Actor, id: string, input: ResolveUnmatched): Promise<UnmatchedView> {
  requirePermission(actor, 'screening.import');
  const db = ctx.handle.db;
  const row = await store.findUnmatched(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const imp = await visibleImport(db, actor, row.import_id);
  requireRegion(actor, row.region_path, 'capture');
  if (row.status !== 'to_find') throw new AppError('UNMATCHED_DONE', { status: row.status });
  const category = row.category ?? imp.category;
  const now = nowIso();
  await inTransaction(db, async (tx) => {
    let personId: string | null = null;
    if (input.outcome === 'found') {
      const [person] = await peopleByIds(tx, [input.personId]);
      if (!person) throw new AppError('NOT_FOUND');
      requireRegion(actor, person.region_path, 'capture');
      if (person.doc_number_bidx !== row.doc_number_bidx) throw new AppError('UNMATCHED_OTHER_PERSON');
      personId = person.id;
      await openEpisodes(tx, actor, [{ personId, category, anchorDate: row.anchor_date ?? todayInChina(), source: 'xiecha',
        sourceRef: row.import_id, note: [row.reason, row.source_area].filter(Boolean).join('；') || null }], todayInChina());
    }
    const status = input.outcome === 'found' ? 'found' : 'not_here';
    if (!(await store.resolveUnmatched(tx, id, { status, person_id: personId, updated_at: now, updated_by: actor.userId }))) {
      throw new AppError('UNMATCHED_DONE', { status: 'found' });
    }
    await audit(tx, actor, { action: 'screening.xiecha.resolve', subjectType: 'screening_import_unmatched', subjectId: id,
      regionPath: row.region_path, detail: { outcome: status, personId } });
  });
  const fresh = (await store.findUnmatched(db, id))!;
  return unmatchedView(ctx, fresh, imp.category, can(actor, 'people.unmask'));
}
