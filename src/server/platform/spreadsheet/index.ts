/**
 * The platform's one spreadsheet path: every import reads through `openSheet`/`readRows`, every
 * export and error report is written through `writeTable`/`writeErrorReport`.
 *
 * Reading: .xlsx (first visible sheet) or CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030;
 * comma, tab or semicolon), told apart by content. Everything comes back as trimmed text: numbers
 * without scientific notation, dates as YYYY-MM-DD. Files with formulas or merged cells in the columns
 * read are refused, as are files without a recognisable header in their first five rows.
 */
export { DEFAULT_MAX_BYTES, openSheet, readRows, sniffFormat } from './reader.js';
export type { Sheet, SheetFormat } from './reader.js';
export { normalizeHeader } from './header.js';
export { columnLetter } from './cells.js';
export type { ColumnSpec, ReadOptions, SheetHeader, SheetRow } from './types.js';
export { writeErrorReport, writeTable } from './writer.js';
export type { CellValue, ReportRow, TableColumn, TableOptions } from './writer.js';
