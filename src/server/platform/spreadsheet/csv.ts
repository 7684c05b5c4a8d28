import iconv from 'iconv-lite';
import type { RawRow } from './xlsx.js';

/**
 * Text of a CSV upload. A BOM decides when present (UTF-8, or UTF-16 from Excel's "Unicode text");
 * otherwise UTF-8 if the bytes are valid UTF-8, else GB18030 — the superset of GBK that Excel in
 * China uses for "CSV (逗号分隔)". Valid UTF-8 is almost never valid-looking GBK by accident and
 * vice versa, so the strict UTF-8 attempt is a reliable test.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/**
 * The field separator: comma, unless tabs (Excel's "文本文件(制表符分隔)") or semicolons clearly
 * dominate the first lines. Quoted text is skipped so that commas inside addresses do not count.
 */
export function sniffDelimiter(text: string, filename = ''): string {
  if (/\.tsv$/i.test(filename)) return '\t';
  const head = text.slice(0, 64 * 1024).replace(/"[^"]*"/g, '').split(/\r\n|\n|\r/, 5).join('\n');
  const count = (c: string) => head.split(c).length - 1;
  const comma = count(',');
  const tab = count('\t');
  const semicolon = count(';');
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma && semicolon > tab) return ';';
  return ',';
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * RFC 4180 records, read the way Excel reads them: a field that starts with a quote runs to the
 * matching quote ("" is a literal quote) and may hold delimiters and line breaks; text after the
 * closing quote is kept; a quote inside an unquoted field is literal; an unterminated quote runs to
 * the end. Records end at CRLF, LF or CR. Each record's number is its row in Excel (1-based).
 */
export function* csvRecords(text: string, delimiter: string): Generator<RawRow> {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let pos = 0;
  let rowNumber = 0;
  while (pos < n) {
    const cells: string[] = [];
    rowNumber++;
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        let out = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            out += text.slice(from);
            pos = n;
            break;
          }
          out += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += '"';
            from = q + 2;
          } else {
            pos = q + 1;
            break;
          }
        }
        // Excel keeps whatever follows the closing quote up to the delimiter.
        const rest = pos;
        while (pos < n && !isFieldEnd(text.charCodeAt(pos), delim)) pos++;
        value = pos > rest ? out + text.slice(rest, pos) : out;
      } else {
        const start = pos;
        while (pos < n && !isFieldEnd(text.charCodeAt(pos), delim)) pos++;
        value = text.slice(start, pos);
      }
      cells.push(value.trim());
      if (pos >= n) {
        atRecordEnd = true;
      } else if (text.charCodeAt(pos) === delim) {
        pos++;
        // A delimiter at the very end of the text still opens one last, empty field.
        if (pos >= n) {
          cells.push('');
          atRecordEnd = true;
        }
      } else {
        // CR, LF or CRLF
        pos += text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        atRecordEnd = true;
      }
    }
    yield { rowNumber, cells };
  }
}

function isFieldEnd(c: number, delim: number): boolean {
  return c === delim || c === LF || c === CR;
}
