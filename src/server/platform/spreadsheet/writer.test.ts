import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openSheet, writeErrorReport, writeTable } from './index.js';
import { PEOPLE, readAll } from './test-fixtures.js';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).buffer); // exceljs declares its own ArrayBuffer-based Buffer
  return wb;
}

describe('writeErrorReport', () => {
  const rows = [
    {
      rowNumber: 5,
      values: { name: '张三', idNumber: '630121199001011235', phone: '1391234567', birthDate: '', grid: 'G1' },
      errors: [
        { field: 'idNumber', message: '身份证号校验位错误，请核对' },
        { field: 'phone', message: '手机号应为以1开头的11位数字' },
      ],
    },
    {
      rowNumber: 9,
      values: { name: '李四', idNumber: '630121199002021235', phone: '', birthDate: '', grid: '' },
      errors: [{ field: 'row', message: '与第 5 行证件号码重复' }],
    },
  ];

  it('round-trips: row numbers, values as text, red cells, the 错误说明 column', async () => {
    const wb = await load(await writeErrorReport(PEOPLE, rows, 'zh-CN'));
    const ws = wb.getWorksheet('错误报告');
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '姓名', '身份证号', '手机号', '出生日期', '所属网格', '错误说明']);
    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe(5);
    expect(first.getCell(3).value).toBe('630121199001011235'); // text: all 18 digits
    expect(first.getCell(4).value).toBe('1391234567');
    expect(first.getCell(7).value).toBe('身份证号：身份证号校验位错误，请核对\n手机号：手机号应为以1开头的11位数字');
    const fill = (c: ExcelJS.Cell) => (c.fill?.type === 'pattern' ? c.fill.fgColor?.argb : undefined);
    expect(fill(first.getCell(3))).toBe('FFFFC7CE');
    expect(fill(first.getCell(4))).toBe('FFFFC7CE');
    expect(fill(first.getCell(2))).toBeUndefined();
    expect(ws.getRow(3).getCell(7).value).toBe('与第 5 行证件号码重复');
  });

  it('can be corrected and imported again as it is', async () => {
    const sheet = await openSheet(await writeErrorReport(PEOPLE, rows, 'en'), 'report.xlsx', PEOPLE);
    const read = [];
    for await (const b of sheet.batches()) read.push(...b);
    expect(read.map((r) => r.values)).toEqual(rows.map((r) => r.values));
  });

  it('uses English titles for the English locale', async () => {
    const ws = (await load(await writeErrorReport(PEOPLE, rows, 'en'))).getWorksheet('Error report');
    expect(ws?.getRow(1).getCell(7).value).toBe('Errors');
    expect(ws?.getRow(2).getCell(7).value).toBe('ID number: 身份证号校验位错误，请核对\nPhone: 手机号应为以1开头的11位数字');
  });
});

describe('writeTable', () => {
  const columns = [
    { key: 'name', header: '姓名' },
    { key: 'idNumber', header: '身份证号', width: 22 },
    { key: 'age', header: '年龄' },
    { key: 'note', header: '备注' },
  ];

  it('writes the watermark, the header, IDs as text and numbers as numbers', async () => {
    async function* rows() {
      yield { name: '张三', idNumber: '630121199001011234', age: 32, note: null };
      yield { name: '=1+1', idNumber: '0012', age: null, note: 'R&D' };
    }
    const watermark = '导出人 张三 2026-11-29 10:00 仅限疫情防控使用';
    const buf = await writeTable(columns, rows(), { sheetName: '人员/导出', watermark });
    const ws = (await load(buf)).worksheets[0];
    expect(ws.name).toBe('人员 导出');
    expect(ws.getCell('A1').value).toBe(watermark);
    expect(ws.getRow(2).values).toEqual([undefined, '姓名', '身份证号', '年龄', '备注']);
    expect(ws.getRow(3).values).toEqual([undefined, '张三', '630121199001011234', 32]);
    expect(ws.getCell('A4').value).toBe('=1+1'); // text, not a formula
    expect(ws.getCell('B4').value).toBe('0012');
    expect(ws.headerFooter.oddFooter).toBe(`&C${watermark}`);
    // …and the export reads back through the import path.
    const back = await readAll(buf);
    expect(back[0]).toEqual({ rowNumber: 3, values: { name: '张三', idNumber: '630121199001011234', phone: '', birthDate: '', grid: '' } });
  });

  it('writes a plain table from an array', async () => {
    const buf = await writeTable(columns.slice(0, 2), [{ name: 'a', idNumber: '1' }], { sheetName: 'T' });
    const ws = (await load(buf)).worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号']);
    expect(ws.getRow(2).values).toEqual([undefined, 'a', '1']);
  });
});
