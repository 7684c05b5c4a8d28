import { AppError } from '../errors.js';
import { columnLetter } from './cells.js';
import type { ColumnSpec, SheetHeader } from './types.js';
import type { RawRow } from './xlsx.js';

/** How many non-empty rows at the top may hold the header (title rows come first in many files). */
export const HEADER_SEARCH_ROWS = 5;

/**
 * A header cell reduced to what identifies it: NFKC folds full-width letters, brackets, asterisks and
 * the ideographic space into their ASCII forms; then case, all white space (also inside: "姓 名",
 * line breaks in wrapped headers), '_' and '-' are dropped, and so are required-markers: a leading or
 * trailing '*' and a trailing "(必填)" / "[必填]" / "【必填】".
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
    .replace(/^\*+/, '')
    .replace(/(?:\*|\(必填\)|\[必填\]|【必填】)+$/, '');
}

interface Candidate {
  row: RawRow;
  columnOf: Map<string, number>; // spec key → 1-based column
}

/** Picks the header among the first rows; throws SHEET_NO_HEADER if no row names every required column. */
export function detectHeader(rows: RawRow[], specs: ColumnSpec[]): SheetHeader {
  const specOf = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const h of [...spec.headers, spec.label['zh-CN'], spec.label.en]) {
      const key = normalizeHeader(h);
      if (key && !specOf.has(key)) specOf.set(key, spec);
    }
  }
  const required = specs.filter((s) => s.required);

  let best: Candidate | undefined;
  let bestScore = 0;
  for (const row of rows) {
    const columnOf = new Map<string, number>();
    row.cells.forEach((text, i) => {
      const spec = text ? specOf.get(normalizeHeader(text)) : undefined;
      // The first column named for a spec wins; a second one ("手机号" and "联系电话") is ignored.
      if (spec && !columnOf.has(spec.key)) columnOf.set(spec.key, i + 1);
    });
    const complete = required.every((s) => columnOf.has(s.key));
    // A row that has every required column beats one that merely names more columns.
    const score = columnOf.size + (complete ? specs.length + 1 : 0);
    if (score > bestScore) {
      best = { row, columnOf };
      bestScore = score;
    }
  }

  const missing = required.filter((s) => !best?.columnOf.has(s.key));
  if (!best || missing.length) {
    const named = required.length ? required : specs;
    throw new AppError(
      'SHEET_NO_HEADER',
      { required: named.map((s) => s.label['zh-CN']).join('、') },
      { missing: missing.map((s) => s.key), searchedRows: rows.map((r) => r.rowNumber) },
    );
  }
  const { row, columnOf } = best;
  const columns: SheetHeader['columns'] = {};
  for (const [key, column] of columnOf) {
    columns[key] = { column, letter: columnLetter(column), text: row.cells[column - 1] };
  }
  return {
    rowNumber: row.rowNumber,
    columns,
    missing: specs.filter((s) => !columnOf.has(s.key)).map((s) => s.key),
  };
}
