/**
 * Streaming reader for the first worksheet of an .xlsx file.
 *
 * Why not exceljs's streaming WorkbookReader (node_modules/exceljs/lib/stream/xlsx/worksheet-reader.js):
 * - it does expose formulas (a cell's value becomes `{ formula, result }`, `formula` being '' for the
 *   followers of a shared formula), but not merges: its `case 'mergeCell': break;` drops them, and
 *   `<mergeCells>` comes after `<sheetData>` anyway, so they would be known only after every row;
 * - dates need `styles: 'cache'`, which slows it to ~52k rows/s here;
 * - Excel and exceljs write sharedStrings.xml after the sheets, so it spools each sheet to a temp file;
 * - inline rich text keeps only its last run.
 * This reader takes the shared strings first (ZIP central directory, zip.ts), then streams the sheet
 * XML and cuts rows and cells out of it with indexOf; SpreadsheetML is machine-written and regular
 * enough for that. It is 2.5–3.5× faster than exceljs here (see perf.test.ts).
 *
 * Merges and formulas are found by a *pre-scan* of the same sheet entry: it inflates the XML once and
 * searches the raw bytes for `<mergeCell ref=…>` and `<f…>` (≈ 0.1 s per 100k rows), so the caller
 * learns about them before the first row rather than after the last.
 */
import { AppError } from '../errors.js';
import { dateKind, excelDateText, isoDateText, numberText, parseCellRef, type DateKind } from './cells.js';
import { tooLarge } from './source.js';
import {
  attributeByLocalName,
  decodeExcelEscapes,
  decodeXml,
  escapeRegExp,
  parseAttributes,
  rootPrefix,
  startTags,
} from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** One sheet row before header mapping. `cells[c - 1]` is column c, trimmed; holes are empty. */
export interface RawRow {
  rowNumber: number;
  cells: string[];
  /** Columns (1-based) whose cell holds a formula. */
  formulaColumns?: number[];
}

export interface CellRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheet {
  merges: CellRange[];
  /** Rows with a formula, per column (first rows only; the row stream reports every one). */
  formulaRows: Map<number, number[]>;
  rows(): AsyncGenerator<RawRow[]>;
}

export interface XlsxLimits {
  /** Most bytes any one part may inflate to (zip-bomb guard). */
  maxInflatedBytes: number;
  /** The same for the shared strings, which are held in memory. */
  maxSharedStringBytes: number;
  /** The compressed upload limit, for the FILE_TOO_LARGE message. */
  maxBytes: number;
}

const SMALL_PART_BYTES = 32 * 1024 * 1024;
const FORMULA_ROWS_KEPT = 64;
/** How far before a formula's `<f` its cell's `<c …>` start tag may be. */
const BACK = 1024;

function notSpreadsheet(reason: string): AppError {
  return new AppError('FILE_NOT_SPREADSHEET', {}, { reason });
}

export async function openXlsx(zip: ZipArchive, limits: XlsxLimits): Promise<XlsxSheet> {
  const tooBig = () => tooLarge(limits.maxBytes);
  const readText = async (entry: ZipEntry | undefined) =>
    entry ? zip.text(entry, SMALL_PART_BYTES, tooBig) : undefined;

  // _rels/.rels names the workbook part; everyone uses xl/workbook.xml, but it is not required.
  const rootRels = parseRels((await readText(zip.entry('_rels/.rels'))) ?? '', '');
  const workbookPath =
    [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await readText(zip.entry(workbookPath));
  // A ZIP without a workbook is a .docx, an .ods, an .xlsb or some archive: not ours.
  if (workbookXml === undefined) throw notSpreadsheet('no workbook part');
  const workbookDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = parseRels(
    (await readText(zip.entry(`${workbookDir}_rels/${workbookPath.slice(workbookDir.length)}.rels`))) ?? '',
    workbookDir,
  );

  const date1904 = [...startTags(workbookXml, 'workbookPr')].some((a) => /^(1|true)$/i.test(a.get('date1904') ?? ''));
  // "First worksheet" is the first tab the person sees: hidden sheets (lookup lists) are skipped.
  const sheets = [...startTags(workbookXml, 'sheet')].map((a) => ({
    state: a.get('state') ?? 'visible',
    target: rels.get(attributeByLocalName(a, 'id') ?? '')?.target,
  }));
  const first = sheets.find((s) => s.state === 'visible' && s.target) ?? sheets.find((s) => s.target);
  const sheetEntry = first?.target ? zip.entry(first.target) : undefined;
  if (!sheetEntry) throw notSpreadsheet('no worksheet');

  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const stylesXml = await readText(zip.entry(byType('/styles') ?? `${workbookDir}styles.xml`));
  const styleKinds = stylesXml ? readStyles(stylesXml) : [];
  const sstEntry = zip.entry(byType('/sharedStrings') ?? `${workbookDir}sharedStrings.xml`);
  const shared = sstEntry
    ? await readSharedStrings(zip.chunks(sstEntry, limits.maxSharedStringBytes, tooBig))
    : [];

  const scan = await prescan(zip.chunks(sheetEntry, limits.maxInflatedBytes, tooBig));
  return {
    merges: scan.merges,
    formulaRows: scan.formulaRows,
    rows: () =>
      sheetRows(zip.chunks(sheetEntry, limits.maxInflatedBytes, tooBig), scan.prefix, { shared, styleKinds, date1904 }),
  };
}

interface Rel {
  type: string;
  target: string;
}

function parseRels(xml: string, baseDir: string): Map<string, Rel> {
  const out = new Map<string, Rel>();
  for (const a of startTags(xml, 'Relationship')) {
    const target = a.get('Target');
    if (a.get('TargetMode') === 'External' || !target) continue;
    out.set(a.get('Id') ?? '', { type: a.get('Type') ?? '', target: resolvePartPath(baseDir, target) });
  }
  return out;
}

/** Targets are relative to the source part's folder, or absolute from the package root. */
function resolvePartPath(baseDir: string, target: string): string {
  const parts: string[] = [];
  for (const p of (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** Per cell style index (`s`), whether its number format shows a date. */
function readStyles(xml: string): (DateKind | undefined)[] {
  const formats = new Map<number, string>();
  for (const a of startTags(xml, 'numFmt')) formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  // Only <xf> inside <cellXfs> are indexed by `s`; <cellStyleXfs> has its own list.
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...startTags(cellXfs, 'xf')].map((a) => {
    const id = Number(a.get('numFmtId') ?? 0);
    return dateKind(id, formats.get(id));
  });
}

/**
 * Decodes the chunks of a part and yields its text in segments that end just after the last closing
 * tag (`closeTag`, built once the root element's prefix is known) seen so far, so that no `<row>` or
 * `<si>` is ever cut in two; what follows it waits for the next chunk. The last segment is the rest.
 */
async function* completeSegments(chunks: AsyncIterable<Buffer>, closeTag: (prefix: string) => string, root: string) {
  const decoder = new TextDecoder('utf-8'); // with `stream`, holds a character cut between chunks
  let buf = '';
  let close: string | undefined;
  for await (const chunk of chunks) {
    buf += decoder.decode(chunk, { stream: true });
    if (close === undefined) {
      const prefix = rootPrefix(buf.slice(0, 4096), root);
      if (prefix === undefined) {
        if (buf.length > 4096) throw notSpreadsheet(`no <${root}> root`);
        continue;
      }
      close = closeTag(prefix);
    }
    const end = buf.lastIndexOf(close);
    if (end < 0) continue;
    yield buf.slice(0, end + close.length);
    buf = buf.slice(end + close.length);
  }
  buf += decoder.decode();
  if (buf) yield buf;
}

async function readSharedStrings(chunks: AsyncIterable<Buffer>): Promise<string[]> {
  const out: string[] = [];
  let si: RegExp | undefined;
  let textOf: ((inner: string) => string) | undefined;
  for await (const segment of completeSegments(chunks, (p) => `</${p}si>`, 'sst')) {
    if (!si || !textOf) {
      const p = escapeRegExp(rootPrefix(segment, 'sst') ?? '');
      si = new RegExp(`<${p}si(?=[\\s>/])[^>]*?(?:/>|>([\\s\\S]*?)</${p}si>)`, 'g');
      textOf = richTextReader(p);
    }
    si.lastIndex = 0;
    for (let m = si.exec(segment); m; m = si.exec(segment)) out.push(m[1] ? textOf(m[1]) : '');
  }
  return out;
}

/**
 * The text of a string item (`<si>` or an inline `<is>`): its `<t>`, or the `<t>` of each rich-text
 * run `<r>` joined, without the phonetic guides (`<rPh>`) that East Asian Excel adds.
 */
function richTextReader(p: string): (inner: string) => string {
  const t = new RegExp(`<${p}t(?:\\s[^>]*)?>([^<]*)</${p}t>`, 'g');
  const phonetic = new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g');
  return (inner) => {
    const body = inner.includes('rPh') ? inner.replace(phonetic, '') : inner;
    let text = '';
    t.lastIndex = 0;
    for (let m = t.exec(body); m; m = t.exec(body)) text += m[1];
    return decodeExcelEscapes(decodeXml(text));
  };
}

interface Prescan {
  prefix: string;
  merges: CellRange[];
  formulaRows: Map<number, number[]>;
}

/**
 * One pass over the raw sheet bytes looking for two patterns, without parsing XML: `<mergeCell …>` and
 * `<f>`/`<f …>` (a formula's start tag; `<f` followed by anything else would be another element, but
 * cells hold only f, v, is). A formula's cell is named by the `<c r="…">` start tag just before it.
 */
async function prescan(chunks: AsyncIterable<Buffer>): Promise<Prescan> {
  let prefix: string | undefined;
  let formulaPat: Buffer = Buffer.alloc(0);
  let mergePat: Buffer = Buffer.alloc(0);
  let cellPat: Buffer = Buffer.alloc(0);
  const merges: CellRange[] = [];
  const formulaRows = new Map<number, number[]>();

  let carry: Buffer = Buffer.alloc(0);
  let windowStart = 0; // absolute offset of the current window
  let formulaNext = 0; // absolute offsets where each search resumes
  let mergeNext = 0;
  for await (const chunk of chunks) {
    const win = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const windowEnd = windowStart + win.length;
    if (prefix === undefined) {
      prefix = rootPrefix(win.subarray(0, 4096).toString('utf8'), 'worksheet');
      if (prefix === undefined) {
        if (win.length > 4096) throw notSpreadsheet('no <worksheet> root');
        carry = win;
        continue;
      }
      formulaPat = Buffer.from(`<${prefix}f`);
      mergePat = Buffer.from(`<${prefix}mergeCell`);
      cellPat = Buffer.from(`<${prefix}c`);
    }

    let keepFrom = windowEnd - BACK;

    let i = win.indexOf(formulaPat, formulaNext - windowStart);
    for (; i >= 0; i = win.indexOf(formulaPat, i + 1)) {
      const after = i + formulaPat.length;
      if (after >= win.length) break; // need the next byte: look again with more data
      if (!isNameEnd(win[after])) continue;
      const ref = cellRefBefore(win, i, cellPat);
      const at = ref && parseCellRef(ref);
      if (at) {
        const rows = formulaRows.get(at.col) ?? [];
        if (rows.length < FORMULA_ROWS_KEPT) rows.push(at.row);
        formulaRows.set(at.col, rows);
      }
    }
    formulaNext = i >= 0 ? windowStart + i : windowEnd - formulaPat.length + 1;

    let j = win.indexOf(mergePat, mergeNext - windowStart);
    for (; j >= 0; j = win.indexOf(mergePat, j + 1)) {
      const after = j + mergePat.length;
      const end = win.indexOf(0x3e /* > */, after);
      if (end < 0) break;
      if (!isNameEnd(win[after])) continue; // <mergeCells>
      const range = parseRange(parseAttributes(win.toString('utf8', after, end)).get('ref') ?? '');
      if (range) merges.push(range);
    }
    mergeNext = j >= 0 ? windowStart + j : windowEnd - mergePat.length + 1;

    keepFrom = Math.max(0, Math.min(keepFrom, formulaNext, mergeNext) - windowStart);
    carry = Buffer.from(win.subarray(keepFrom)); // copy: `win` may be a large chunk we do not want to pin
    windowStart += keepFrom;
  }
  if (prefix === undefined) throw notSpreadsheet('no <worksheet> root');
  return { prefix, merges, formulaRows };
}

function isNameEnd(byte: number | undefined): boolean {
  return byte === 0x3e || byte === 0x2f || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function cellRefBefore(win: Buffer, formulaAt: number, cellPat: Buffer): string | undefined {
  for (let k = win.lastIndexOf(cellPat, formulaAt); k >= 0 && formulaAt - k < BACK; k = win.lastIndexOf(cellPat, k - 1)) {
    if (!isNameEnd(win[k + cellPat.length])) continue; // <cols>, <cfRule>…
    const end = win.indexOf(0x3e, k);
    if (end < 0 || end > formulaAt) return undefined;
    return parseAttributes(win.toString('latin1', k + cellPat.length, end)).get('r');
  }
  return undefined;
}

export function parseRange(ref: string): CellRange | undefined {
  const [a, b = a] = ref.split(':');
  const from = parseCellRef(a ?? '');
  const to = parseCellRef(b);
  if (!from || !to) return undefined;
  return {
    ref,
    top: Math.min(from.row, to.row),
    bottom: Math.max(from.row, to.row),
    left: Math.min(from.col, to.col),
    right: Math.max(from.col, to.col),
  };
}

interface SheetContext {
  shared: string[];
  styleKinds: (DateKind | undefined)[];
  date1904: boolean;
}

const BATCH = 1000;

/**
 * The rows of `<sheetData>`, in batches. Hand-written scanning with indexOf rather than regular
 * expressions: this loop runs for every cell of a 400k-row file, and it is ~3× faster this way.
 * Slicing a V8 string is cheap (it shares the parent's characters), so each row and cell is sliced
 * out and searched on its own: a search that finds nothing then stops at the cell's end.
 */
async function* sheetRows(chunks: AsyncIterable<Buffer>, prefix: string, ctx: SheetContext): AsyncGenerator<RawRow[]> {
  const rowOpen = `<${prefix}row`;
  const rowClose = `</${prefix}row>`;
  const cellOpen = `<${prefix}c`;
  const cellClose = `</${prefix}c>`;
  const tags: CellTags = {
    vOpen: `<${prefix}v`,
    vClose: `</${prefix}v>`,
    isOpen: `<${prefix}is`,
    inlineText: richTextReader(escapeRegExp(prefix)),
  };
  const fOpen = `<${prefix}f`;
  const dataOpen = new RegExp(`<${escapeRegExp(prefix)}sheetData(?=[\\s>/])[^>]*?(/?)>`);
  const dataClose = `</${prefix}sheetData>`;

  const attrs: CellAttributes = { r: -1, rEnd: -1, s: -1, sEnd: -1, t: -1, tEnd: -1 };
  let lastRow = 0;
  let batch: RawRow[] = [];
  let started = false;
  for await (let segment of completeSegments(chunks, (px) => `</${px}row>`, 'worksheet')) {
    if (!started) {
      const open = dataOpen.exec(segment);
      if (!open) continue;
      if (open[1]) break; // <sheetData/>: no rows at all
      started = true;
      segment = segment.slice(open.index + open[0].length);
    }
    const end = segment.indexOf(dataClose);
    if (end >= 0) segment = segment.slice(0, end);

    for (let pos = segment.indexOf(rowOpen); pos >= 0; pos = segment.indexOf(rowOpen, pos)) {
      const tagEnd = segment.indexOf('>', pos);
      if (tagEnd < 0) break;
      if (!isNameEnd(segment.charCodeAt(pos + rowOpen.length))) {
        pos = tagEnd;
        continue;
      }
      readAttributes(segment, pos + rowOpen.length, tagEnd, attrs);
      const rowNumber = attrs.r >= 0 ? intAt(segment, attrs.r, attrs.rEnd) || lastRow + 1 : lastRow + 1;
      lastRow = rowNumber;
      if (segment.charCodeAt(tagEnd - 1) === 0x2f /* <row …/> */) {
        pos = tagEnd;
        continue;
      }
      const rowEnd = segment.indexOf(rowClose, tagEnd);
      if (rowEnd < 0) break;
      const content = segment.slice(tagEnd + 1, rowEnd);
      pos = rowEnd + rowClose.length;

      const cells: string[] = [];
      let formulaColumns: number[] | undefined;
      let lastCol = 0;
      // One search per row rather than per cell: most rows have no formula at all.
      const rowHasFormula = content.includes(fOpen);
      for (let c = content.indexOf(cellOpen); c >= 0; c = content.indexOf(cellOpen, c)) {
        const cTagEnd = content.indexOf('>', c);
        if (cTagEnd < 0) break;
        if (!isNameEnd(content.charCodeAt(c + cellOpen.length))) {
          c = cTagEnd;
          continue;
        }
        readAttributes(content, c + cellOpen.length, cTagEnd, attrs);
        const col = (attrs.r >= 0 && columnAt(content, attrs.r, attrs.rEnd)) || lastCol + 1;
        const type = attrs.t >= 0 ? typeAt(content, attrs.t, attrs.tEnd) : undefined;
        const style = attrs.s >= 0 ? intAt(content, attrs.s, attrs.sEnd) : -1;
        lastCol = col;
        if (content.charCodeAt(cTagEnd - 1) === 0x2f /* <c …/> */) {
          c = cTagEnd;
          continue;
        }
        let cEnd = content.indexOf(cellClose, cTagEnd);
        if (cEnd < 0) cEnd = content.length;
        const inner = content.slice(cTagEnd + 1, cEnd);
        c = cEnd;
        if (rowHasFormula) {
          const f = inner.indexOf(fOpen);
          if (f >= 0 && isNameEnd(inner.charCodeAt(f + fOpen.length))) (formulaColumns ??= []).push(col);
        }
        const text = cellText(inner, type, style, ctx, tags);
        if (text) cells[col - 1] = text;
      }
      if (cells.length || formulaColumns) {
        batch.push(formulaColumns ? { rowNumber, cells, formulaColumns } : { rowNumber, cells });
      }
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (end >= 0) break;
  }
  if (batch.length) yield batch;
}

/**
 * Where the values of the r, s and t attributes of one start tag lie in the text (-1: absent).
 * Bounds rather than substrings: this runs for every cell, and allocating nothing is what makes it cheap.
 */
interface CellAttributes {
  r: number;
  rEnd: number;
  s: number;
  sEnd: number;
  t: number;
  tEnd: number;
}

/**
 * Scans the attributes of the start tag text[from, to) (`' r="C5" s="2" t="s"'`) in one pass.
 * White space around '=' and single quotes are allowed, as XML allows them.
 */
function readAttributes(text: string, from: number, to: number, out: CellAttributes): CellAttributes {
  out.r = out.s = out.t = -1;
  for (let eq = text.indexOf('=', from); eq >= 0 && eq < to; ) {
    let nameEnd = eq;
    while (nameEnd > from && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
    let q = eq + 1;
    while (q < to && isSpace(text.charCodeAt(q))) q++;
    const quote = text.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) break;
    const end = text.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (end < 0 || end >= to) break;
    // A one-letter name: what precedes it is white space.
    if (nameEnd > from && isSpace(text.charCodeAt(nameEnd - 2))) {
      const name = text.charCodeAt(nameEnd - 1);
      if (name === 0x72 /* r */) {
        out.r = q + 1;
        out.rEnd = end;
      } else if (name === 0x73 /* s */) {
        out.s = q + 1;
        out.sEnd = end;
      } else if (name === 0x74 /* t */) {
        out.t = q + 1;
        out.tEnd = end;
      }
    }
    eq = text.indexOf('=', end + 1);
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Digits in text[from, to) as a number (row numbers, style indexes); NaN if there are none. */
function intAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return i === from ? NaN : n;
    n = n * 10 + d;
  }
  return from < to ? n : NaN;
}

/** The column of the cell reference in text[from, to): 'AB12' → 28. */
function columnAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x24 /* $ */) continue;
    const lower = c | 0x20;
    if (lower < 0x61 || lower > 0x7a) break;
    n = n * 26 + (lower - 0x60);
  }
  return n;
}

/** The cell type in text[from, to), as a constant string so that comparing it is cheap. */
function typeAt(text: string, from: number, to: number): string {
  const len = to - from;
  const c = text.charCodeAt(from);
  if (len === 1) return c === 0x73 ? 's' : c === 0x62 ? 'b' : c === 0x65 ? 'e' : c === 0x64 ? 'd' : 'n';
  if (len === 3 && c === 0x73) return 'str';
  return text.slice(from, to); // inlineStr, or something unknown
}

interface CellTags {
  vOpen: string;
  vClose: string;
  isOpen: string;
  inlineText: (inner: string) => string;
}

function cellText(inner: string, t: string | undefined, style: number, ctx: SheetContext, tags: CellTags): string {
  if (t === 'inlineStr') {
    const i = inner.indexOf(tags.isOpen);
    return i < 0 ? '' : tags.inlineText(inner.slice(i)).trim();
  }
  const vs = inner.indexOf(tags.vOpen);
  if (vs < 0) return '';
  const vStart = inner.indexOf('>', vs) + 1;
  if (inner.charCodeAt(vStart - 2) === 0x2f) return ''; // <v/>
  const vEnd = inner.indexOf(tags.vClose, vStart);
  const v = inner.slice(vStart, vEnd < 0 ? undefined : vEnd);
  switch (t) {
    case 's':
      return (ctx.shared[Number(v)] ?? '').trim();
    case 'str': // a formula's string result, or a plain string from writers such as exceljs
    case 'e':
      return decodeExcelEscapes(decodeXml(v)).trim();
    case 'b':
      return v.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'd':
      return isoDateText(v);
    default: {
      const kind = style >= 0 ? ctx.styleKinds[style] : undefined;
      if (kind) {
        const n = Number(v);
        if (v.trim() !== '' && Number.isFinite(n)) return excelDateText(n, kind, ctx.date1904);
      }
      return numberText(v);
    }
  }
}
