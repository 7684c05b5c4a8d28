import type { Locale } from '../../../shared/messages.js';

/** One column an import expects. */
export interface ColumnSpec {
  /** The key of the column in `SheetRow.values`. */
  key: string;
  /**
   * Header texts accepted for this column, Chinese and English ("身份证号", "公民身份号码", "idNumber").
   * Matched after NFKC folding, ignoring case, spaces, '_', '-', and a '*' or "(必填)" marker.
   * The two labels are accepted too.
   */
  headers: string[];
  /** Without it the file is refused (SHEET_NO_HEADER); optional columns may be absent. */
  required?: boolean;
  label: Record<Locale, string>;
}

export interface SheetRow {
  /** The row number the person sees in Excel (1-based; for CSV the record number). */
  rowNumber: number;
  /** Every spec key; trimmed text, '' for an empty cell or a column the file does not have. */
  values: Record<string, string>;
}

export interface SheetHeader {
  rowNumber: number;
  /** The columns found, by spec key. */
  columns: Record<string, { column: number; letter: string; text: string }>;
  /** Keys of the (optional) specs whose column is not in the file. */
  missing: string[];
}

export interface ReadOptions {
  /** Uploads larger than this are refused with FILE_TOO_LARGE. Default 100 MiB. */
  maxBytes?: number;
  /** Rows per yielded batch. Default 1000. */
  batchSize?: number;
}
