import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { can, requirePermission, requireRegion, type Actor } from '../../../platform/access.js';
import { audit, type AuditWho } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { finishFileJob, runJob, startJob, storeFile, type FileJobInput } from '../../../platform/jobs.js';
import { openSheet, writeErrorReport, type ColumnSpec } from '../../../platform/spreadsheet/index.js';
import { runInWorker } from '../../../platform/worker.js';
import {
  errorMessage, fieldMessage, type ErrorCode, type FieldMessageCode, type Locale,
} from '../../../../shared/messages.js';
import type { LabResultInput, ResultCorrection, ResultOutcome, TubeResults } from '../../../../shared/contracts/testing/results.js';
import { TEST_RESULT_LABELS, type TestResult } from '../../../../shared/testing.js';
import { decideResult, isBarcode, parseCt, parseReportedTime, parseResult } from '../rules/results.js';
import * as incidents from '../store/incidents.js';
import * as store from '../store/results.js';
import type { ResultRow } from '../tables.js';
import { applyRetestResults, closeIncidentsOfTube, openIncidents, type PositiveTube } from './incidents.js';
import { labOf } from './lab-tokens.js';
import { announceSampleResults } from './sample-results.js';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The columns of a lab's results sheet, with the header texts lab systems export. */
export const RESULT_COLUMNS: ColumnSpec[] = [
  { key: 'barcode', headers: ['试管条码', '试管编号', '条码', '条码号', '样本条码', '样本编号', '混管编号', 'tube barcode', 'barcode', 'tube'],
    required: true, label: label('试管条码', 'Tube barcode') },
  { key: 'result', headers: ['结果', '检测结果', '核酸结果', 'result'], required: true, label: label('结果', 'Result') },
  { key: 'ctN', headers: ['Ct N', 'CtN', 'N基因Ct值', 'N基因', 'N', 'ct_n', 'ctN'], label: label('Ct N', 'Ct N') },
  { key: 'ctOrf', headers: ['Ct ORF1ab', 'CtORF1ab', 'ORF1ab基因Ct值', 'ORF1ab', 'ct_orf', 'ctOrf'], label: label('Ct ORF1ab', 'Ct ORF1ab') },
  { key: 'reportedAt', headers: ['报告时间', '检测时间', '出结果时间', 'reported at', 'reportedAt', 'time'],
    label: label('报告时间', 'Reported at') },
];

type Issue = { field: string; params?: Record<string, unknown> } & ({ kind: 'field'; code: FieldMessageCode } | { kind: 'error'; code: ErrorCode });

interface ParsedRow {
  rowNumber: number;
  barcode: string;
  result: TestResult;
  ctN: number | null;
  ctOrf: number | null;
  reportedAt: string;
  values: Record<string, string>;
}

interface Problem {
  rowNumber: number;
  values: Record<string, string>;
  issues: Issue[];
}

/** One row's cells, checked; every problem of the row at once. */
export function parseResultRow(rowNumber: number, values: Record<string, string>, now: Date): ParsedRow | Problem {
  const issues: Issue[] = [];
  const barcode = (values.barcode ?? '').trim();
  if (barcode === '') issues.push({ kind: 'field', field: 'barcode', code: 'REQUIRED', params: { field: '试管条码' } });
  else if (!isBarcode(barcode)) issues.push({ kind: 'field', field: 'barcode', code: 'BARCODE_FORMAT' });
  const result = parseResult(values.result ?? '');
  if (!result) issues.push({ kind: 'field', field: 'result', code: 'RESULT_VALUE' });
  const ctN = parseCt(values.ctN ?? '');
  if (!ctN.ok) issues.push({ kind: 'field', field: 'ctN', code: 'CT_VALUE' });
  const ctOrf = parseCt(values.ctOrf ?? '');
  if (!ctOrf.ok) issues.push({ kind: 'field', field: 'ctOrf', code: 'CT_VALUE' });
  const at = parseReportedTime(values.reportedAt ?? '', now);
  if (!at.ok) issues.push({ kind: 'field', field: 'reportedAt', code: at.code });
  if (issues.length > 0 || !result || !ctN.ok || !ctOrf.ok || !at.ok) return { rowNumber, values, issues };
  return { rowNumber, barcode, result, ctN: ctN.value, ctOrf: ctOrf.value, reportedAt: at.value, values };
}

/** Who is recording: a lab user (signed in) or a lab's system (a token). */
export interface Recorder {
  labId: string;
  actor: Actor | null;
  auditWho: AuditWho;
  source: 'upload' | 'api';
  detail: Record<string, unknown>;
}

interface Recorded {
  rows: number;
  recorded: number;
  unchanged: number;
  positives: number;
  incidentIds: string[];
  problems: Problem[];
}

type Progress = (done: number, total: number, stage: string) => void;

/**
 * Records a batch of results all or nothing: every row is checked against the tubes first (read 500
 * barcodes at a time); a single refused row means nothing is written. Rows whose tube already has the
 * same result are counted unchanged, so the same file or batch sent again changes nothing. One
 * transaction writes the results, the tubes, the retests and the incidents of positive tubes.
 */
export async function recordResults(
  ctx: AppContext,
  who: Recorder,
  parsed: ParsedRow[],
  problems: Problem[],
  progress: Progress = () => {},
): Promise<Recorded> {
  const db = ctx.handle.db;
  const rows = parsed.length + problems.length;
  // The same tube twice in one batch: harmless if the rows agree, refused if they do not.
  const firstOf = new Map<string, ParsedRow>();
  const unique: ParsedRow[] = [];
  let repeated = 0;
  for (const r of parsed) {
    const first = firstOf.get(r.barcode);
    if (!first) {
      firstOf.set(r.barcode, r);
      unique.push(r);
    } else if (first.result === r.result) {
      repeated++;
    } else {
      problems.push({ rowNumber: r.rowNumber, values: r.values,
        issues: [{ kind: 'field', field: 'barcode', code: 'DUPLICATE_TUBE_IN_FILE', params: { row: first.rowNumber } }] });
    }
  }

  progress(0, unique.length, 'checking');
  // Checked and written in one transaction: what was checked is what is written.
  const now = nowIso();
  const out = await inTransaction(db, async (tx) => {
    const tubes = await store.tubesByBarcodes(ctx.handle, tx, unique.map((r) => r.barcode));
    const toRecord: ParsedRow[] = [];
    let unchanged = repeated;
    for (const r of unique) {
      const tube = tubes.get(r.barcode);
      const decision = decideResult(tube && { status: tube.status, labId: tube.lab_id, result: tube.result }, who.labId, r.result);
      if (decision.kind === 'record') toRecord.push(r);
      else if (decision.kind === 'unchanged') unchanged++;
      else {
        problems.push({ rowNumber: r.rowNumber, values: r.values, issues: [{ kind: 'error', field: 'barcode', code: decision.code,
          params: { barcode: r.barcode, result: tube?.result ? TEST_RESULT_LABELS[tube.result]['zh-CN'] : '' } }] });
      }
    }
    if (problems.length > 0) return null;

    progress(0, toRecord.length, 'writing');
    const idOf = (r: ParsedRow) => tubes.get(r.barcode)!.id;
    await store.insertResults(ctx.handle, tx, toRecord.map((r) => ({
      id: newId(), tube_id: idOf(r), lab_id: who.labId, result: r.result, ct_n: r.ctN, ct_orf: r.ctOrf,
      reported_at: r.reportedAt, recorded_at: now, recorded_by: who.actor?.userId ?? null, source: who.source,
      correction_reason: null, superseded_at: null,
    })));
    const changed = await store.setTubeResults(ctx.handle, tx, toRecord.map((r) => ({ id: idOf(r), result: r.result, at: r.reportedAt })),
      who.labId);
    // On PostgreSQL another batch may have recorded some of these tubes since they were read.
    if (changed !== toRecord.length) throw new AppError('RESULT_CONFLICT', { barcode: '', result: '' });

    await announceSampleResults(tx, who.actor, toRecord.map((r) => {
      const t = tubes.get(r.barcode)!;
      return { id: t.id, barcode: r.barcode, capacity: t.capacity, result: r.result, reportedAt: r.reportedAt };
    }));
    // Single tubes may be members' retests; their results settle the incidents.
    const singles = toRecord.filter((r) => tubes.get(r.barcode)!.capacity === 1);
    const retestTubes = new Set((await incidents.membersByRetestTube(tx, singles.map(idOf))).map((m) => m.retest_tube_id!));
    await applyRetestResults(tx, who.actor, singles.filter((r) => retestTubes.has(idOf(r)))
      .map((r) => ({ tubeId: idOf(r), result: r.result })), now);

    // A positive tube (other than a member's retest, which settles its incident instead) opens an incident.
    const positives = toRecord.filter((r) => r.result === 'positive');
    const incidentIds = await openIncidents(tx, who.actor,
      await positiveTubes(tx, positives.filter((r) => !retestTubes.has(idOf(r))).map((r) => tubes.get(r.barcode)!)), now);
    await audit(tx, who.auditWho, { action: 'testing.results.record',
      detail: { ...who.detail, source: who.source, labId: who.labId, rows, recorded: toRecord.length, unchanged,
        positives: positives.length, incidents: incidentIds } });
    return { recorded: toRecord.length, unchanged, positives: positives.length, incidentIds };
  });
  if (!out) {
    problems.sort((a, b) => a.rowNumber - b.rowNumber);
    await audit(db, who.auditWho, { action: 'testing.results.record', result: 'failed',
      detail: { ...who.detail, source: who.source, labId: who.labId, rows, errorRows: problems.length } });
    return { rows, recorded: 0, unchanged: 0, positives: 0, incidentIds: [], problems };
  }
  return { rows, ...out, problems: [] };
}

async function positiveTubes(db: DbOrTx, tubes: store.TubeForResult[]): Promise<PositiveTube[]> {
  if (tubes.length === 0) return [];
  const samples = await store.samplesOfTubes(db, tubes.map((t) => t.id));
  return tubes.map((t) => ({
    id: t.id, barcode: t.barcode, roundId: t.round_id, capacity: t.capacity, regionPath: t.region_path,
    members: samples.filter((s) => s.tube_id === t.id)
      .map((s) => ({ subjectKind: s.subject_kind, subjectId: s.subject_id, regionPath: s.region_path })),
  }));
}

function describe(problems: Problem[], locale: Locale, barcodeOf: (p: Problem) => string) {
  const labelOf = (field: string) => RESULT_COLUMNS.find((c) => c.key === field)?.label[locale] ?? field;
  return problems.map((p) => ({
    rowNumber: p.rowNumber,
    barcode: barcodeOf(p),
    values: p.values,
    errors: p.issues.map((i) => ({
      field: i.field,
      code: i.code,
      message: i.kind === 'field' ? fieldMessage(i.code, locale, { field: labelOf(i.field), ...i.params })
        : errorMessage(i.code, locale, i.params),
    })),
  }));
}

const MAX_LISTED_ERRORS = 200;

function outcomeOf(r: Recorded, described: ReturnType<typeof describe>, reportFileId: string | null): ResultOutcome {
  return {
    rows: r.rows, recorded: r.recorded, unchanged: r.unchanged, positives: r.positives, incidentIds: r.incidentIds,
    errorRows: r.problems.length, reportFileId,
    errors: described.slice(0, MAX_LISTED_ERRORS).flatMap((d) => d.errors.map((e) => ({ row: d.rowNumber, barcode: d.barcode,
      field: e.field, code: e.code, message: e.message }))),
  };
}

/** A batch posted by a lab's system with its token. Refused whole (422 RESULTS_HAVE_ERRORS) with every bad row listed. */
export async function submitLabBatch(
  ctx: AppContext,
  lab: { labId: string; tokenId: string; label: string },
  ip: string | null,
  results: LabResultInput[],
  locale: Locale,
): Promise<ResultOutcome> {
  const now = new Date();
  const parsed: ParsedRow[] = [];
  const problems: Problem[] = [];
  results.forEach((r, i) => {
    const values = {
      barcode: r.barcode, result: r.result, ctN: r.ctN == null ? '' : String(r.ctN), ctOrf: r.ctOrf == null ? '' : String(r.ctOrf),
      reportedAt: r.reportedAt ?? '',
    };
    const row = parseResultRow(i + 1, values, now);
    if ('issues' in row) problems.push(row);
    else parsed.push(row);
  });
  const recorded = await recordResults(ctx, {
    labId: lab.labId, actor: null, source: 'api',
    auditWho: { userId: null, username: `lab-token:${lab.label}`, role: 'lab', ip },
    detail: { tokenId: lab.tokenId },
  }, parsed, problems);
  const described = describe(recorded.problems, locale, (p) => p.values.barcode ?? '');
  const outcome = outcomeOf(recorded, described, null);
  if (recorded.problems.length > 0) throw new AppError('RESULTS_HAVE_ERRORS', { count: recorded.problems.length }, { rows: outcome.errors });
  return outcome;
}

/**
 * A results sheet uploaded by a lab user: read through the platform's spreadsheet path, checked
 * whole, recorded all or nothing; with errors, an .xlsx report of the bad rows is stored.
 */
export async function uploadResults(
  ctx: AppContext,
  actor: Actor,
  source: { input: Buffer | string; filename: string },
  opts: { locale: Locale; onProgress?: Progress },
): Promise<ResultOutcome> {
  const labId = await labOf(ctx, actor);
  const db = ctx.handle.db;
  const progress = opts.onProgress ?? (() => {});
  const sheet = await openSheet(source.input, source.filename, RESULT_COLUMNS, { maxBytes: ctx.config.maxUploadBytes });
  const now = new Date();
  const parsed: ParsedRow[] = [];
  const problems: Problem[] = [];
  for await (const batch of sheet.batches()) {
    for (const row of batch) {
      const r = parseResultRow(row.rowNumber, row.values, now);
      if ('issues' in r) problems.push(r);
      else parsed.push(r);
    }
    progress(parsed.length + problems.length, 0, 'reading');
  }
  const recorded = await recordResults(ctx, { labId, actor, auditWho: actor, source: 'upload', detail: { file: source.filename } },
    parsed, problems, progress);
  const described = describe(recorded.problems, opts.locale, (p) => p.values.barcode ?? '');
  let reportFileId: string | null = null;
  if (recorded.problems.length > 0) {
    const report = await writeErrorReport(RESULT_COLUMNS, described.map((d) => ({ rowNumber: d.rowNumber, values: d.values,
      errors: d.errors.map((e) => ({ field: e.field, message: e.message })) })), opts.locale);
    reportFileId = await storeFile(db, { name: `结果导入错误报告-${source.filename.replace(/\.\w+$/, '')}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: report, createdBy: actor.userId });
  }
  return outcomeOf(recorded, described, reportFileId);
}

/** Files up to this size are recorded on the main thread (a few thousand rows, well under a second). */
const IN_PROCESS_MAX_BYTES = 512 * 1024;

/** Worker side of a large upload: its own connection, the outcome recorded on the job. */
export async function runResultsUploadJob(input: FileJobInput): Promise<void> {
  try {
    await runJob(input.config, input.jobId, input.locale, (ctx, job) => finishFileJob(job, () => uploadResults(ctx, input.actor,
      { input: input.file, filename: input.filename },
      { locale: input.locale, onProgress: (done, total, stage) => void job.progress(done, total, stage) }), input.locale, 'RESULTS_HAVE_ERRORS'));
  } finally {
    fs.rmSync(input.file, { force: true });
  }
}

/**
 * Starts an upload as a job (202 with its id; GET /api/v1/jobs/{id} shows progress and the outcome).
 * Small files are recorded on the main thread, large ones in a worker thread with its own connection.
 */
export async function startResultsUpload(
  ctx: AppContext,
  actor: Actor,
  upload: { stream: NodeJS.ReadableStream & { truncated?: boolean }; filename: string; locale: Locale },
): Promise<{ jobId: string }> {
  await labOf(ctx, actor);
  const dir = path.join(ctx.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}${path.extname(upload.filename).slice(0, 8)}`);
  await pipeline(upload.stream, fs.createWriteStream(file));
  if (upload.stream.truncated) {
    fs.rmSync(file, { force: true });
    throw new AppError('FILE_TOO_LARGE', { limitMb: Math.round(ctx.config.maxUploadBytes / 1024 / 1024) });
  }
  const job = await startJob(ctx.handle.db, 'testing.results.upload', actor.userId);
  const input: FileJobInput = { config: ctx.config, actor, jobId: job.id, locale: upload.locale, file, filename: upload.filename };
  if (fs.statSync(file).size <= IN_PROCESS_MAX_BYTES) {
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    void finishFileJob(job, () => uploadResults(ctx, actor, { input: bytes, filename: upload.filename },
      { locale: upload.locale, onProgress: (done, total, stage) => void job.progress(done, total, stage) }), upload.locale, 'RESULTS_HAVE_ERRORS');
  } else {
    runInWorker(import.meta.url, 'runResultsUploadJob', input).catch((err: unknown) =>
      job.fail(errorMessage('INTERNAL', upload.locale), { code: 'INTERNAL', detail: String(err) }).catch(() => {}));
  }
  return { jobId: job.id };
}

/** Who may see or correct a tube's results: its lab, or the testing workstream within its scope. */
async function tubeForLabOrLead(ctx: AppContext, actor: Actor, barcode: string) {
  const tube = await store.tubeByBarcode(ctx.handle.db, barcode);
  if (can(actor, 'testing.manage')) {
    if (!tube) throw new AppError('TUBE_UNKNOWN', { barcode });
    requireRegion(actor, tube.region_path);
    return { tube, labId: tube.lab_id };
  }
  const labId = await labOf(ctx, actor);
  if (!tube) throw new AppError('TUBE_UNKNOWN', { barcode });
  if (tube.lab_id !== labId) throw new AppError('TUBE_OTHER_LAB', { barcode });
  return { tube, labId };
}

function resultsView(tube: store.TubeForResult, history: ResultRow[]): TubeResults {
  return {
    barcode: tube.barcode, status: tube.status, result: tube.result, resultAt: tube.result_at, labId: tube.lab_id,
    history: history.map((h) => ({ id: h.id, result: h.result, ctN: h.ct_n, ctOrf: h.ct_orf, labId: h.lab_id,
      reportedAt: h.reported_at, recordedAt: h.recorded_at, source: h.source, correctionReason: h.correction_reason,
      supersededAt: h.superseded_at })),
  };
}

export async function tubeResults(ctx: AppContext, actor: Actor, barcode: string): Promise<TubeResults> {
  if (!can(actor, 'testing.manage')) requirePermission(actor, 'testing.results');
  const { tube } = await tubeForLabOrLead(ctx, actor, barcode);
  return resultsView(tube, await store.resultHistory(ctx.handle.db, tube.id));
}

/**
 * A corrected result, with its reason: the result in force is kept with `superseded_at` set, the
 * correction becomes the tube's result, and the incidents follow (a new positive opens one, a
 * positive corrected away closes it, a retest's correction settles its incident again). Audited.
 */
export async function correctResult(ctx: AppContext, actor: Actor, input: ResultCorrection): Promise<TubeResults> {
  if (!can(actor, 'testing.manage')) requirePermission(actor, 'testing.results');
  const db = ctx.handle.db;
  const { tube, labId } = await tubeForLabOrLead(ctx, actor, input.barcode);
  if (tube.result === null || !labId) throw new AppError('INVALID_STATE', {}, { barcode: input.barcode, reason: 'no result to correct' });
  const current = await store.currentResults(db, tube.id);
  const last = current[current.length - 1];
  const sameAsNow = tube.result === input.result && (input.ctN === undefined || input.ctN === (last?.ct_n ?? null))
    && (input.ctOrf === undefined || input.ctOrf === (last?.ct_orf ?? null));
  if (!sameAsNow) {
    const now = nowIso();
    const reportedAt = input.reportedAt ? new Date(input.reportedAt).toISOString() : now;
    await inTransaction(db, async (tx) => {
      await store.supersedeResults(tx, tube.id, now);
      await store.insertResults(ctx.handle, tx, [{
        id: newId(), tube_id: tube.id, lab_id: labId, result: input.result, ct_n: input.ctN ?? null, ct_orf: input.ctOrf ?? null,
        reported_at: reportedAt, recorded_at: now, recorded_by: actor.userId, source: 'correction',
        correction_reason: input.reason, superseded_at: null,
      }]);
      await store.replaceTubeResult(tx, tube.id, input.result, reportedAt);
      await announceSampleResults(tx, actor, [{ id: tube.id, barcode: tube.barcode, capacity: tube.capacity, result: input.result, reportedAt }]);
      const isRetest = tube.capacity === 1 && (await incidents.membersByRetestTube(tx, [tube.id])).length > 0;
      if (isRetest) {
        await applyRetestResults(tx, actor, [{ tubeId: tube.id, result: input.result }], now);
      } else if (input.result === 'positive' && tube.result !== 'positive') {
        await openIncidents(tx, actor, await positiveTubes(tx, [tube]), now);
      } else if (tube.result === 'positive' && input.result !== 'positive') {
        await closeIncidentsOfTube(tx, actor, tube.id, `结果更正：${input.reason}`, now);
      }
      await audit(tx, actor, { action: 'testing.results.correct', subjectType: 'testing_tube', subjectId: tube.id,
        regionPath: tube.region_path, reason: input.reason,
        detail: { barcode: tube.barcode, from: tube.result, to: input.result, ctN: input.ctN ?? null, ctOrf: input.ctOrf ?? null } });
    });
  }
  const [fresh] = await store.tubesByIds(db, [tube.id]);
  return resultsView(fresh, await store.resultHistory(db, tube.id));
}
