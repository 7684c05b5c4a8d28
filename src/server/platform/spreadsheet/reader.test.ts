import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSheet, readRows } from './index.js';
import { expectAppError, handmadeXlsx, PEOPLE, readAll, workbook } from './test-fixtures.js';

const ID = '630121199001011234';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anning-sheet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('xlsx', () => {
  it('reads Chinese headers, trims values, skips empty rows, maps by header not position', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['序号', '身份证号', '姓名 ', '手机号', '备注']);
      ws.addRow([1, ID, ' 张三 ', '13912345678', '']);
      ws.addRow([]);
      ws.addRow([null, null, null, null, null]);
      ws.addRow([3, '630121199002021235', '李四', '', '外出']);
    });
    const sheet = await openSheet(file, 'people.xlsx', PEOPLE);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.header.rowNumber).toBe(1);
    expect(sheet.header.columns.idNumber).toEqual({ column: 2, letter: 'B', text: '身份证号' });
    expect(sheet.header.missing).toEqual(['birthDate', 'grid']);
    const rows = [];
    for await (const b of sheet.batches()) rows.push(...b);
    expect(rows).toEqual([
      { rowNumber: 2, values: { name: '张三', idNumber: ID, phone: '13912345678', birthDate: '', grid: '' } },
      { rowNumber: 5, values: { name: '李四', idNumber: '630121199002021235', phone: '', birthDate: '', grid: '' } },
    ]);
  });

  it('reads English headers in any case and spacing', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['Name', 'ID Number', 'PHONE', 'grid']);
      ws.addRow(['Zhang San', ID, '13912345678', '630106100001001']);
    });
    expect(await readAll(file)).toEqual([
      { rowNumber: 2, values: { name: 'Zhang San', idNumber: ID, phone: '13912345678', birthDate: '', grid: '630106100001001' } },
    ]);
  });

  it('accepts required markers, full-width spaces and full-width characters in headers', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['*姓名', '身份证号（必填）', '手机号＊', '所属\u3000网格']);
      ws.addRow(['张三', ID, '13912345678', 'G1']);
    });
    expect((await readAll(file))[0].values).toMatchObject({ name: '张三', idNumber: ID, phone: '13912345678', grid: 'G1' });
  });

  it('finds the header on row 2 after a merged title row', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['安宁县居民花名册（城关镇）']);
      ws.mergeCells('A1:D1');
      ws.addRow(['姓名', '身份证号', '手机号', '出生日期']);
      ws.addRow(['张三', ID, '13912345678', '1990-01-01']);
    });
    const sheet = await openSheet(file, 'x.xlsx', PEOPLE);
    expect(sheet.header.rowNumber).toBe(2);
    const rows = [];
    for await (const b of sheet.batches()) rows.push(...b);
    expect(rows).toEqual([
      { rowNumber: 3, values: { name: '张三', idNumber: ID, phone: '13912345678', birthDate: '1990-01-01', grid: '' } },
    ]);
  });

  it('writes numbers as plain digits: phones, long numbers, decimals', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '手机号', '所属网格']);
      ws.addRow(['张三', 630121199001011234, 13912345678, 0.1 + 0.2]);
      ws.addRow(['李四', 1e-7, 123.45, -42]);
    });
    const rows = await readAll(file);
    expect(rows[0].values).toMatchObject({ phone: '13912345678', grid: '0.3' });
    // Excel keeps 15 significant digits of an ID typed as a number; the lost digits stay lost.
    expect(rows[0].values.idNumber).toBe('630121199001011000');
    expect(rows[1].values).toMatchObject({ idNumber: '0.0000001', phone: '123.45', grid: '-42' });
  });

  it('writes date cells as YYYY-MM-DD (built-in, custom Chinese and date-time formats)', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '出生日期', '所属网格']);
      ws.addRow(['张三', ID, new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2022, 10, 29, 8, 30))]);
      const r = ws.addRow(['李四', ID, new Date(Date.UTC(1949, 9, 1)), 44894.5]);
      r.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
      r.getCell(4).numFmt = 'yyyy/m/d h:mm';
      ws.getRow(2).getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
      const plain = ws.addRow(['王五', ID, 32874]); // a serial without a date format is a number
      plain.getCell(3).numFmt = '0';
    });
    const rows = await readAll(file);
    expect(rows.map((r) => [r.values.birthDate, r.values.grid])).toEqual([
      ['1990-01-01', '2022-11-29 08:30'],
      ['1949-10-01', '2022-11-29 12:00'],
      ['32874', ''],
    ]);
  });

  it('concatenates rich text and reads hyperlinks as their text', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '所属网格']);
      ws.addRow([
        { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
        ID,
        { text: '幸福社区', hyperlink: 'https://example.org/g/1' },
      ]);
    });
    expect((await readAll(file))[0].values).toMatchObject({ name: '张三', grid: '幸福社区' });
  });

  it('reads from a file path as from a buffer', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号']);
      ws.addRow(['张三', ID]);
    });
    const path = join(dir, 'people.xlsx');
    await writeFile(path, file);
    expect(await readAll(path)).toEqual(await readAll(file));
  });

  it('refuses a formula in a column it reads, naming the cell', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '手机号']);
      ws.addRow(['张三', ID, '13912345678']);
      ws.addRow(['李四', ID, { formula: 'C2+1', result: 13912345679 }]);
    });
    await expectAppError(readAll(file), 'SHEET_HAS_FORMULAS', { cell: 'C3' });
  });

  it('refuses shared formulas too, and the error comes before any row', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号']);
      ws.addRow(['张三', ID]);
      ws.fillFormula('A3:A4', 'A2', [0, 0]); // A3 holds the formula, A4 shares it: <f t="shared" si="0"/>
      ws.getCell('B3').value = ID;
      ws.getCell('B4').value = ID;
    });
    await expectAppError(openSheet(file, 'x.xlsx', PEOPLE), 'SHEET_HAS_FORMULAS', { cell: 'A3' });
  });

  it('accepts a formula in a column it does not read', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '年龄']);
      ws.addRow(['张三', ID, { formula: '2022-MID(B2,7,4)', result: 32 }]);
    });
    expect(await readAll(file)).toHaveLength(1);
  });

  it('refuses merged cells in the data area, naming the range', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号', '所属网格']);
      ws.addRow(['张三', ID, 'G1']);
      ws.addRow(['李四', ID, 'G1']);
      ws.addRow(['王五', ID, 'G1']);
      ws.addRow(['赵六', ID, 'G1']);
      ws.mergeCells('C3:C5');
    });
    await expectAppError(readAll(file), 'SHEET_HAS_MERGED_CELLS', { range: 'C3:C5' });
  });

  it('refuses a sheet without a recognised header, listing the required columns', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['编号', '名字', '证件']);
      ws.addRow(['1', '张三', ID]);
    });
    const err = await expectAppError(readAll(file), 'SHEET_NO_HEADER', { required: '姓名、身份证号' });
    expect(err.details).toMatchObject({ missing: ['name', 'idNumber'] });
  });

  it('refuses a header with a required column missing', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['姓名', '手机号']);
      ws.addRow(['张三', '13912345678']);
    });
    const err = await expectAppError(readAll(file), 'SHEET_NO_HEADER');
    expect(err.details).toMatchObject({ missing: ['idNumber'] });
  });

  it('looks for the header in the first five non-empty rows only', async () => {
    const file = await workbook((ws) => {
      for (let i = 1; i <= 5; i++) ws.addRow([`说明 ${i}`]);
      ws.addRow(['姓名', '身份证号']);
      ws.addRow(['张三', ID]);
    });
    await expectAppError(readAll(file), 'SHEET_NO_HEADER');
  });

  it('reads the first visible sheet, inline rich text, phonetic guides, escapes and prefixed XML', async () => {
    const file = handmadeXlsx({
      p: 'x:',
      sheets: [
        { state: 'hidden', body: '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>lookup</x:t></x:is></x:c></x:row>' },
        {
          body:
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>所属网格</x:t></x:is></x:c></x:row>' +
            // cells without addresses follow on from the previous one
            '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>6301211990</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>01011234</x:t></x:r></x:is></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>' +
            '<x:row r="7"><x:c r="A7" t="str"><x:v>Tom &amp; Jerry</x:v></x:c><x:c r="B7" t="b"><x:v>1</x:v></x:c><x:c r="C7" t="d"><x:v>2022-11-29T00:00:00Z</x:v></x:c></x:row>',
        },
      ],
      sharedStrings: [
        '<x:t>姓名</x:t>',
        '<x:t xml:space="preserve"> 身份证号 </x:t>',
        '<x:r><x:t>张</x:t></x:r><x:r><x:t>三</x:t></x:r><x:rPh sb="0" eb="2"><x:t>ZHANG SAN</x:t></x:rPh>',
        '<x:t>城关_x000D_一组</x:t>',
      ],
    });
    expect(await readAll(file)).toEqual([
      { rowNumber: 2, values: { name: '张三', idNumber: ID, phone: '', birthDate: '', grid: '城关\r一组' } },
      { rowNumber: 7, values: { name: 'Tom & Jerry', idNumber: 'TRUE', phone: '', birthDate: '', grid: '2022-11-29' } },
    ]);
  });

  it('allows spaces around = and single quotes in tags, and still finds formulas in cells without an address', async () => {
    const head =
      "<row r = '1'><c r='A1' t = 'inlineStr'><is><t>姓名</t></is></c><c r='B1' t='inlineStr'><is><t>身份证号</t></is></c></row>";
    const ok = handmadeXlsx({ sheets: [{ body: head + `<row r='2'><c r = 'A2' t='inlineStr'><is><t>张三</t></is></c><c r='B2' t='str'><v>${ID}</v></c></row>` }] });
    expect((await readAll(ok))[0]).toEqual({ rowNumber: 2, values: { name: '张三', idNumber: ID, phone: '', birthDate: '', grid: '' } });

    // No r attribute: the pre-scan cannot name the cell, so the row stream refuses it when it gets there.
    const late = handmadeXlsx({ sheets: [{ body: head + '<row r="2"><c t="str"><f>"张"&amp;"三"</f><v>张三</v></c><c t="str"><v>1</v></c></row>' }] });
    const sheet = await openSheet(late, 'x.xlsx', PEOPLE);
    await expectAppError(
      (async () => {
        for await (const b of sheet.batches()) expect(b).toBeUndefined();
      })(),
      'SHEET_HAS_FORMULAS',
      { cell: 'A2' },
    );
  });

  it('accepts merges above the header and in columns it does not read', async () => {
    const file = await workbook((ws) => {
      ws.addRow(['名单']);
      ws.mergeCells('A1:C1');
      ws.addRow(['姓名', '身份证号', '备注']);
      ws.addRow(['张三', ID, '同户']);
      ws.addRow(['李四', ID, '']);
      ws.mergeCells('C3:C4');
    });
    expect(await readAll(file)).toHaveLength(2);
  });

  it('reads ZIP64 packages', async () => {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, zip: { forceZip64: true } });
    const ws = wb.addWorksheet('人员');
    ws.addRow(['姓名', '身份证号']).commit();
    ws.addRow(['张三', ID]).commit();
    ws.commit();
    await wb.commit();
    expect((await readAll(Buffer.concat(chunks)))[0].values).toMatchObject({ name: '张三', idNumber: ID });
  });

  it('uses the 1904 date system and custom date formats from styles.xml', async () => {
    const file = handmadeXlsx({
      date1904: true,
      styles:
        '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="0.00E+00"/></cellXfs>',
      sheets: [
        {
          body:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>出生日期</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" s="0"><v>6.30121199001011E+17</v></c><c r="C2" s="1"><v>31412</v></c></row>',
        },
      ],
    });
    // 86 years and 22 leap days after 1904-01-01
    expect((await readAll(file))[0].values).toMatchObject({ idNumber: '630121199001011000', birthDate: '1990-01-01' });
  });
});

describe('csv', () => {
  it('reads UTF-8 with a BOM and CRLF line ends', async () => {
    const text = '\ufeff姓名,身份证号,手机号\r\n张三,630121199001011234,13912345678\r\n\r\n李四, 630121199002021235 ,\r\n';
    const sheet = await openSheet(Buffer.from(text, 'utf8'), 'people.csv', PEOPLE);
    expect(sheet.format).toBe('csv');
    const rows = [];
    for await (const b of sheet.batches()) rows.push(...b);
    expect(rows).toEqual([
      { rowNumber: 2, values: { name: '张三', idNumber: ID, phone: '13912345678', birthDate: '', grid: '' } },
      { rowNumber: 4, values: { name: '李四', idNumber: '630121199002021235', phone: '', birthDate: '', grid: '' } },
    ]);
  });

  it('reads GBK, as saved by Excel in China', async () => {
    const bytes = iconv.encode('人员名单,,\n姓名,身份证号,所属网格\n张三,630121199001011234,城关镇幸福社区第一网格\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await readAll(bytes, PEOPLE, 'people.csv')).toEqual([
      { rowNumber: 3, values: { name: '张三', idNumber: ID, phone: '', birthDate: '', grid: '城关镇幸福社区第一网格' } },
    ]);
  });

  it('handles quoted commas, quotes and line breaks, keeping Excel row numbers', async () => {
    const text = [
      '姓名,身份证号,所属网格',
      '"张, 三",630121199001011234,"幸福路""8""号',
      '二单元"',
      '李四,"630121199002021235",城关镇',
      'a"b,630121199003031236,',
    ].join('\n');
    expect(await readAll(Buffer.from(text), PEOPLE, 'x.csv')).toEqual([
      { rowNumber: 2, values: { name: '张, 三', idNumber: ID, phone: '', birthDate: '', grid: '幸福路"8"号\n二单元' } },
      { rowNumber: 3, values: { name: '李四', idNumber: '630121199002021235', phone: '', birthDate: '', grid: '城关镇' } },
      { rowNumber: 4, values: { name: 'a"b', idNumber: '630121199003031236', phone: '', birthDate: '', grid: '' } },
    ]);
  });

  it('reads tab-separated UTF-16 ("Unicode text" from Excel)', async () => {
    const text = '姓名\t身份证号\r\n张三\t630121199001011234\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect((await readAll(bytes, PEOPLE, 'x.txt'))[0].values).toMatchObject({ name: '张三', idNumber: ID });
  });

  it('refuses a CSV without the header', async () => {
    await expectAppError(readAll(Buffer.from('a,b,c\n1,2,3\n'), PEOPLE, 'x.csv'), 'SHEET_NO_HEADER', {
      required: '姓名、身份证号',
    });
  });
});

describe('refusals by content', () => {
  it('refuses a PDF renamed to .xlsx', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    await expectAppError(readAll(pdf, PEOPLE, '人员.xlsx'), 'FILE_NOT_SPREADSHEET');
  });

  it('refuses random binary', async () => {
    await expectAppError(readAll(randomBytes(4096), PEOPLE, 'people.csv'), 'FILE_NOT_SPREADSHEET');
  });

  it('refuses a legacy .xls (OLE compound file)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await expectAppError(readAll(ole, PEOPLE, 'people.xls'), 'FILE_NOT_SPREADSHEET');
  });

  it('refuses an HTML table named .xls', async () => {
    const html = Buffer.from('<html><body><table><tr><td>姓名</td><td>身份证号</td></tr></table></body></html>');
    await expectAppError(readAll(html, PEOPLE, 'people.xls'), 'FILE_NOT_SPREADSHEET');
  });

  it('refuses a ZIP that is not a workbook', async () => {
    const { storedZip } = await import('./test-fixtures.js');
    await expectAppError(readAll(storedZip({ 'word/document.xml': '<w:document/>' })), 'FILE_NOT_SPREADSHEET');
  });

  it('refuses an oversize buffer or file before reading it', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x41);
    await expectAppError(readAll(big, PEOPLE, 'x.csv', 2 * 1024 * 1024), 'FILE_TOO_LARGE', { limitMb: 2 });
    const path = join(dir, 'big.csv');
    await writeFile(path, big);
    await expectAppError(readAll(path, PEOPLE, 'x.csv', 1024 * 1024), 'FILE_TOO_LARGE', { limitMb: 1 });
  });
});

describe('streaming', () => {
  it('yields batches of the requested size and can stop early', async () => {
    const lines = ['姓名,身份证号', ...Array.from({ length: 2500 }, (_, i) => `p${i},${ID}`)];
    const sizes: number[] = [];
    for await (const batch of readRows(Buffer.from(lines.join('\n')), 'x.csv', PEOPLE, { batchSize: 1000 })) {
      sizes.push(batch.length);
    }
    expect(sizes).toEqual([1000, 1000, 500]);

    const file = await workbook((ws) => {
      ws.addRow(['姓名', '身份证号']);
      for (let i = 0; i < 3000; i++) ws.addRow([`p${i}`, ID]);
    });
    for await (const batch of readRows(file, 'x.xlsx', PEOPLE, { batchSize: 100 })) {
      expect(batch[0]).toEqual({ rowNumber: 2, values: { name: 'p0', idNumber: ID, phone: '', birthDate: '', grid: '' } });
      break;
    }
  });
});
