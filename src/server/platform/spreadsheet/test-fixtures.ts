/**
 * Fixture builders for the spreadsheet tests (imported by *.test.ts only): workbooks made with exceljs,
 * and hand-written .xlsx packages for the shapes exceljs cannot produce (prefixed XML, inline rich
 * text, phonetic guides, cells without addresses).
 */
import ExcelJS from 'exceljs';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';
import { AppError } from '../errors.js';
import type { ColumnSpec, SheetRow } from './types.js';
import { readRows } from './reader.js';

export const PEOPLE: ColumnSpec[] = [
  { key: 'name', headers: ['姓名', 'name'], required: true, label: { 'zh-CN': '姓名', en: 'Name' } },
  {
    key: 'idNumber',
    headers: ['身份证号', '公民身份号码', 'idNumber', 'ID number'],
    required: true,
    label: { 'zh-CN': '身份证号', en: 'ID number' },
  },
  { key: 'phone', headers: ['手机号', '联系电话', 'phone', 'mobile'], label: { 'zh-CN': '手机号', en: 'Phone' } },
  { key: 'birthDate', headers: ['出生日期', 'birthDate'], label: { 'zh-CN': '出生日期', en: 'Birth date' } },
  { key: 'grid', headers: ['所属网格', 'grid'], label: { 'zh-CN': '所属网格', en: 'Grid' } },
];

export async function workbook(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('人员'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readAll(
  input: Buffer | string,
  columns: ColumnSpec[] = PEOPLE,
  filename = 'upload.xlsx',
  maxBytes?: number,
): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const batch of readRows(input, filename, columns, { maxBytes })) out.push(...batch);
  return out;
}

/** Awaits `p` and checks that it fails with an AppError of `code` (and these params). */
export async function expectAppError(p: Promise<unknown>, code: string, params?: Record<string, unknown>): Promise<AppError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.code).toBe(code);
  if (params) expect(appError.params).toEqual(params);
  return appError;
}

/** A ZIP with stored (uncompressed) entries. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A hand-made package. `sheets` are worksheet XML bodies (the content of <sheetData>, plus anything
 * after it), in tab order; `p` is the element prefix ('x:' as some .NET writers do).
 */
export function handmadeXlsx(opts: {
  sheets: { body: string; after?: string; state?: string }[];
  sharedStrings?: string[]; // raw <si> inner XML
  styles?: string; // raw styleSheet inner XML
  date1904?: boolean;
  p?: string;
}): Buffer {
  const p = opts.p ?? '';
  const xmlns = p ? `xmlns:${p.slice(0, -1)}="${NS}"` : `xmlns="${NS}"`;
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><${p}workbook ${xmlns} xmlns:r="${REL}">${opts.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets>${opts.sheets
      .map((s, i) => `<${p}sheet name="S${i + 1}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
  };
  opts.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8"?>\n<${p}worksheet ${xmlns}><${p}sheetData>${s.body}</${p}sheetData>${s.after ?? ''}</${p}worksheet>`;
  });
  if (opts.sharedStrings) {
    files['xl/sharedStrings.xml'] = `<?xml version="1.0"?><${p}sst ${xmlns}>${opts.sharedStrings.map((si) => `<${p}si>${si}</${p}si>`).join('')}</${p}sst>`;
  }
  if (opts.styles) files['xl/styles.xml'] = `<?xml version="1.0"?><${p}styleSheet ${xmlns}>${opts.styles}</${p}styleSheet>`;
  return storedZip(files);
}
