import { AppError } from '../errors.js';
import { columnLetter } from './cells.js';
import { csvRecords, decodeText, sniffDelimiter } from './csv.js';
import { detectHeader, HEADER_SEARCH_ROWS } from './header.js';
import { MIB, openSource } from './source.js';
import type { ColumnSpec, ReadOptions, SheetHeader, SheetRow } from './types.js';
import { openXlsx, type RawRow, type XlsxSheet } from './xlsx.js';
import { ZipArchive } from './zip.js';

export const DEFAULT_MAX_BYTES = 100 * MIB;
const DEFAULT_BATCH = 1000;
/**
 * Zip-bomb guards. A 400k-row people sheet is ~150–250 MB of XML; reading more than this would take
 * too long anyway. Shared strings are held in memory, hence their own, lower bound.
 */
const MAX_SHEET_XML_BYTES = 1024 * MIB;
const MAX_SHARED_STRINGS_BYTES = 256 * MIB;

export type SheetFormat = 'xlsx' | 'csv';

export interface Sheet {
  format: SheetFormat;
  header: SheetHeader;
  /** The data rows after the header, in batches; fully empty rows are skipped. Iterate once. */
  batches(): AsyncGenerator<SheetRow[]>;
  /** Releases the file; needed only when `batches()` is not read to its end. */
  close(): Promise<void>;
}

/**
 * Opens an upload, decides its format from its bytes, finds the header and checks the whole-file
 * conditions, so that every refusal (FILE_TOO_LARGE, FILE_NOT_SPREADSHEET, SHEET_NO_HEADER,
 * SHEET_HAS_FORMULAS, SHEET_HAS_MERGED_CELLS) is thrown here, before any row is handed out.
 * The one exception is a formula in a cell without an address (no `r` attribute, written by no common
 * tool), which `batches()` throws when it reaches it; imports are all-or-nothing anyway.
 */
export async function openSheet(
  input: Buffer | string,
  filename: string,
  columns: ColumnSpec[],
  opts: ReadOptions = {},
): Promise<Sheet> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = await openSource(input, maxBytes);
  let raw: AsyncGenerator<RawRow[]> | undefined;
  try {
    const format = sniffFormat(await source.read(0, 64 * 1024));
    let xlsx: XlsxSheet | undefined;
    if (format === 'xlsx') {
      xlsx = await openXlsx(await ZipArchive.open(source), {
        maxBytes,
        maxInflatedBytes: MAX_SHEET_XML_BYTES,
        maxSharedStringBytes: MAX_SHARED_STRINGS_BYTES,
      });
      raw = xlsx.rows();
    } else {
      // A CSV is at most `maxBytes`; decoding it whole is simpler and as fast as streaming it.
      const text = decodeText(await source.read(0, source.size));
      raw = batched(csvRecords(text, sniffDelimiter(text, filename)));
    }

    // Rows read while looking for the header are replayed to `batches()`.
    const pending: RawRow[] = [];
    const top: RawRow[] = [];
    while (top.length < HEADER_SEARCH_ROWS) {
      const next = await raw.next();
      if (next.done) break;
      for (const row of next.value) {
        pending.push(row);
        if (top.length < HEADER_SEARCH_ROWS && !isEmpty(row)) top.push(row);
      }
    }
    const header = detectHeader(top, columns);
    if (xlsx) checkSheet(xlsx, header);

    const rows = raw;
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await rows.return(undefined);
      await source.close();
    };
    return {
      format,
      header,
      batches: () => mapRows(pending, rows, header, columns, opts.batchSize ?? DEFAULT_BATCH, close),
      close,
    };
  } catch (err) {
    await raw?.return(undefined);
    await source.close();
    throw err;
  }
}

/** The rows as one async generator of batches; whole-file errors come from its first `next()`. */
export async function* readRows(
  input: Buffer | string,
  filename: string,
  columns: ColumnSpec[],
  opts: ReadOptions = {},
): AsyncGenerator<SheetRow[]> {
  const sheet = await openSheet(input, filename, columns, opts);
  try {
    yield* sheet.batches();
  } finally {
    await sheet.close();
  }
}

function notSpreadsheet(reason: string): AppError {
  return new AppError('FILE_NOT_SPREADSHEET', {}, { reason });
}

/** By content, never by extension: people rename a .xls or a PDF to .xlsx. */
export function sniffFormat(head: Buffer): SheetFormat {
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0)) throw notSpreadsheet('ole'); // .xls, .doc, encrypted .xlsx
  if (startsWith(0x25, 0x50, 0x44, 0x46)) throw notSpreadsheet('pdf');
  if (startsWith(0x50, 0x4b)) throw notSpreadsheet('empty or spanned zip');
  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff)) return 'csv'; // UTF-16 text
  // Text has no NUL and almost no other C0 controls; images, archives and executables have plenty.
  let controls = 0;
  for (const b of head) {
    if (b === 0) throw notSpreadsheet('binary');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > head.length / 100) throw notSpreadsheet('binary');
  // Several government systems export an HTML table or an Excel 2003 XML file named .xls.
  const start = head.subarray(0, 512).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  if (/^<(\?xml|!doctype|html|table|head|body|meta)\b/i.test(start)) throw notSpreadsheet('markup');
  return 'csv';
}

function isEmpty(row: RawRow): boolean {
  return row.cells.every((c) => c === '');
}

async function* batched(records: Iterable<RawRow>): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  for (const r of records) {
    batch.push(r);
    if (batch.length >= DEFAULT_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Refusals that depend on where the header is: merges and formulas in the mapped data area. */
function checkSheet(xlsx: XlsxSheet, header: SheetHeader): void {
  const mapped = new Set(Object.values(header.columns).map((c) => c.column));
  // Merges above the header (a title across the page) are harmless, as are merges in columns the
  // import does not read; a merge among the data hides values in all but its first cell.
  const merge = xlsx.merges
    .filter((m) => m.bottom >= header.rowNumber && [...mapped].some((c) => c >= m.left && c <= m.right))
    .sort((a, b) => a.top - b.top || a.left - b.left)[0];
  if (merge) throw new AppError('SHEET_HAS_MERGED_CELLS', { range: merge.ref.toUpperCase() });

  let first: { row: number; col: number } | undefined;
  for (const col of mapped) {
    const row = xlsx.formulaRows.get(col)?.find((r) => r >= header.rowNumber);
    if (row === undefined) continue;
    if (!first || row < first.row || (row === first.row && col < first.col)) first = { row, col };
  }
  if (first) throw formulaError(first.col, first.row);
}

function formulaError(col: number, row: number): AppError {
  return new AppError('SHEET_HAS_FORMULAS', { cell: `${columnLetter(col)}${row}` });
}

async function* mapRows(
  pending: RawRow[],
  rest: AsyncGenerator<RawRow[]>,
  header: SheetHeader,
  specs: ColumnSpec[],
  batchSize: number,
  close: () => Promise<void>,
): AsyncGenerator<SheetRow[]> {
  const slots = specs.map((s) => [s.key, (header.columns[s.key]?.column ?? 0) - 1] as const);
  const mapped = new Set(slots.map(([, i]) => i + 1).filter((c) => c > 0));
  let out: SheetRow[] = [];
  const take = (row: RawRow) => {
    if (row.rowNumber <= header.rowNumber || isEmpty(row)) return;
    const formulaCol = row.formulaColumns?.find((c) => mapped.has(c));
    if (formulaCol !== undefined) throw formulaError(formulaCol, row.rowNumber);
    const values: Record<string, string> = {};
    for (const [key, i] of slots) values[key] = i >= 0 ? (row.cells[i] ?? '') : '';
    out.push({ rowNumber: row.rowNumber, values });
  };
  try {
    for (const row of pending) take(row);
    for (;;) {
      while (out.length >= batchSize) {
        yield out.slice(0, batchSize);
        out = out.slice(batchSize);
      }
      const next = await rest.next();
      if (next.done) break;
      for (const row of next.value) take(row);
    }
    while (out.length) {
      yield out.slice(0, batchSize);
      out = out.slice(batchSize);
    }
  } finally {
    await close();
  }
}
