/**
 * Measurements, printed and not asserted (the machine's load varies): reading a 100k-row people sheet
 * with this module and, for comparison, with exceljs's streaming WorkbookReader; writing 100k rows.
 * The row count can be raised with SHEET_PERF_ROWS=395000.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRows, writeTable } from './index.js';
import { PEOPLE } from './test-fixtures.js';

const N = Number(process.env.SHEET_PERF_ROWS ?? 100_000);
const COLUMNS = [
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号' },
  { key: 'phone', header: '手机号' },
  { key: 'gender', header: '性别' },
  { key: 'birthDate', header: '出生日期' },
  { key: 'grid', header: '所属网格' },
  { key: 'address', header: '现住址' },
  { key: 'tags', header: '人员标签' },
];

function* people(n: number) {
  for (let i = 0; i < n; i++) {
    yield {
      name: `张${'伟芳娜敏静丽强磊军洋'[i % 10]}${i}`,
      idNumber: `630121${19500101 + (i % 500)}${String(i % 10_000).padStart(4, '0')}`,
      phone: String(13_900_000_000 + i),
      gender: i % 2 ? '男' : '女',
      birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      grid: `630106100001${String(i % 50).padStart(3, '0')}`,
      address: `城关镇幸福路${i % 300}号${i % 20}单元${i % 6}0${1 + (i % 4)}室`,
      tags: i % 7 === 0 ? '老年人' : '',
    };
  }
}

function rate(rows: number, ms: number): string {
  return `${Math.round((rows / ms) * 1000).toLocaleString('en')} rows/s`;
}

describe('performance (printed, not asserted)', () => {
  let file: Buffer;

  it(`writeTable: ${N} rows`, async () => {
    const t0 = performance.now();
    file = await writeTable(COLUMNS, people(N), { sheetName: '人员', watermark: '导出人 测试 仅限疫情防控使用' });
    const ms = performance.now() - t0;
    console.log(`writeTable ${N} rows: ${ms.toFixed(0)} ms (${rate(N, ms)}), ${(file.length / 1e6).toFixed(1)} MB`);
    expect(file.length).toBeGreaterThan(0);
  });

  async function timeRead(label: string, input: Buffer) {
    const t0 = performance.now();
    let n = 0;
    let last = '';
    for await (const batch of readRows(input, 'people.xlsx', PEOPLE)) {
      n += batch.length;
      last = batch[batch.length - 1].values.idNumber;
    }
    const ms = performance.now() - t0;
    console.log(`readRows ${label} ${n} rows: ${ms.toFixed(0)} ms (${rate(n, ms)}); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    expect(n).toBe(N);
    expect(last).toMatch(/^630121\d{12}$/);
  }

  it(`readRows: ${N}-row xlsx with inline strings (as writeTable writes it)`, async () => {
    await timeRead('xlsx, inline strings', file);
  });

  it(`readRows: ${N}-row xlsx with a shared-string table (as Excel and WPS save it)`, async () => {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const ws = wb.addWorksheet('人员');
    ws.addRow(COLUMNS.map((c) => c.header)).commit();
    for (const p of people(N)) ws.addRow(COLUMNS.map((c) => p[c.key as keyof typeof p])).commit();
    ws.commit();
    await wb.commit();
    await timeRead('xlsx, shared strings', Buffer.concat(chunks));
  });

  it(`for comparison, exceljs streaming WorkbookReader on the same file`, async () => {
    const { Readable } = await import('node:stream');
    const t0 = performance.now();
    let n = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { styles: 'cache' });
    for await (const ws of reader) {
      for await (const row of ws) if (row.number > 0) n++;
      break;
    }
    const ms = performance.now() - t0;
    console.log(`exceljs WorkbookReader ${n} rows: ${ms.toFixed(0)} ms (${rate(n, ms)})`);
  });

  it(`readRows: ${N}-row CSV`, async () => {
    const lines = [COLUMNS.map((c) => c.header).join(',')];
    for (const p of people(N)) lines.push(COLUMNS.map((c) => p[c.key as keyof typeof p]).join(','));
    const csv = Buffer.from(lines.join('\r\n'), 'utf8');
    const t0 = performance.now();
    let n = 0;
    for await (const batch of readRows(csv, 'people.csv', PEOPLE)) n += batch.length;
    const ms = performance.now() - t0;
    console.log(`readRows CSV ${n} rows: ${ms.toFixed(0)} ms (${rate(n, ms)})`);
    expect(n).toBe(N);
  });
});
