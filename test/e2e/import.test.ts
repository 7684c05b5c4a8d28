import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeIdNumber, todayInChina } from '../../src/shared/validators/index.js';
import { useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog, firstDescendants, pickRegion, signOut } from './helpers.js';

const HEADERS = ['姓名', '身份证号', '联系电话', '所属村社区/网格', '住址', '人员标签'];
const NAMES = ['马海燕', '祁建国', '李秀英', '韩永福', '赵永花', '谭江波', '冶玉兰', '鲁成林', '星占元', '王桂芳'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Row {
  name: string;
  idNumber: string;
  phone: string;
  region: string;
  address: string;
  tags: string;
}

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('人员台账');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow([r.name, r.idNumber, r.phone, r.region, r.address, r.tags]);
  // Identifiers as text, as a cadre's sheet has them (a number column would lose the 18th digit).
  sheet.getColumn(2).numFmt = '@';
  sheet.getColumn(3).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The journey: a cadre's spreadsheet with mistakes is refused whole, fixed, imported, then used. */
describe('importing the residents ledger from a spreadsheet', () => {
  const app = useBrowserApp();

  it('refuses a file with bad rows, imports the corrected one, and the unmasked phone is audited', { timeout: 90_000 }, async () => {
    const api = await apiSession(app.url, 'duoba');
    const [, community, grid] = await firstDescendants(api, 2);
    const good: Row[] = NAMES.map((name, i) => ({
      name,
      idNumber: makeIdNumber('630122', `19${60 + i}-0${(i % 9) + 1}-1${i}`, 500 + i),
      phone: `1390971${String(1000 + i).padStart(4, '0')}`,
      region: `${community.name}${grid.name}`,
      address: `导入测试小区${i + 1}号楼`,
      tags: i % 3 === 0 ? '慢性病' : '',
    }));
    const bad = good.map((r) => ({ ...r }));
    const wrongCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
    bad[2].idNumber = wrongCheck(bad[2].idNumber);
    bad[5].phone = bad[5].phone.slice(0, 10);
    bad[7].name = '';

    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '人员台账' }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByRole('heading', { name: '导入人员台账' }).waitFor();

    const templateDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载导入模板' }).click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const templateBook = new ExcelJS.Workbook();
    await templateBook.xlsx.readFile(await template.path());
    const headerRow = templateBook.worksheets[0].getRow(1).values as unknown[];
    for (const h of HEADERS) expect(headerRow).toContain(h);

    await page.getByRole('button', { name: '已有表格，下一步' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '多巴镇人员台账.xlsx', mimeType: XLSX, buffer: await workbook(bad) });

    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 30_000 });
    await errors.getByRole('alert').getByText('未导入任何数据', { exact: true }).waitFor();
    await errors.getByText('有 3 行有误，未导入任何数据').waitFor();
    const errorRows = errors.locator('.ant-table-row');
    await expect.poll(() => errorRows.count()).toBe(3);
    const cells = async (i: number) => (await errorRows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
    expect(await cells(0)).toEqual(['4', '身份证号', '身份证号校验位错误，请核对']);
    expect(await cells(1)).toEqual(['7', '联系电话', '手机号应为以1开头的11位数字']);
    expect(await cells(2)).toEqual(['9', '姓名', '姓名不能为空']);

    const reportDownload = page.waitForEvent('download');
    await errors.getByRole('link', { name: '下载错误报告' }).click();
    const report = await reportDownload;
    expect(report.suggestedFilename()).toMatch(/错误报告.*\.xlsx$/);
    expect(fs.readFileSync(await report.path()).subarray(0, 2).toString()).toBe('PK');

    // Nothing went in: not even the rows that were right.
    const lookup = await (await api(`/people?idNumber=${good[0].idNumber}`)).json();
    expect(lookup.total).toBe(0);

    await errors.getByRole('button', { name: '重新上传' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '多巴镇人员台账（改）.xlsx', mimeType: XLSX, buffer: await workbook(good) });
    const success = page.getByTestId('import-success');
    await success.waitFor({ timeout: 30_000 });
    await success.getByText('导入成功').waitFor();
    const created = success.locator('.ant-statistic').filter({ hasText: '新增' });
    expect(await created.locator('.ant-statistic-content').innerText()).toBe('10');

    await success.getByRole('button', { name: '返回人员台账' }).click();
    const person = good[4];
    await page.getByLabel('身份证号').fill(person.idNumber);
    await page.getByRole('button', { name: '查询' }).click();
    const rows = page.getByTestId('people-table').locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(person.name);
    expect(await rows.first().innerText()).toContain(`${person.phone.slice(0, 3)}****${person.phone.slice(7)}`);

    await rows.first().getByRole('button', { name: '查看明文' }).click();
    const modal = dialog(page, `查看明文 · ${person.name}`);
    await modal.getByText('通知核酸检测').click();
    await modal.getByRole('button', { name: '确认查看' }).click();
    await modal.getByTestId('unmask-result').getByText(person.phone).waitFor();
    await modal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await signOut(page);

    await app.signIn(page, 'commander');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '审计日志' }).click();
    const audit = page.getByTestId('audit-table').locator('.ant-table-row');
    const unmasked = audit.filter({ hasText: '查看明文' }).filter({ hasText: '通知核酸检测' });
    await unmasked.first().waitFor();
    expect(await unmasked.first().innerText()).toContain('duoba');
    expect(await audit.filter({ hasText: '导入人员' }).count()).toBe(2);
  });

  it('exports the residents of one community, masked, as a file to download', { timeout: 60_000 }, async () => {
    const api = await apiSession(app.url, 'duoba');
    const [township, community] = await firstDescendants(api, 1);
    const { total } = await (await api(`/people?region=${community.code}&pageSize=1`)).json();
    expect(total).toBeGreaterThan(0);
    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '人员台账' }).click();
    await pickRegion(page, page.getByLabel('所属区域'), [township.name, community.name]);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.ant-pagination-total-text').getByText(`共 ${total} 条`).waitFor();

    await page.getByRole('button', { name: '导出' }).click();
    const modal = dialog(page, '导出人员台账');
    await modal.getByText(`导出范围：${community.name}`).waitFor();
    await modal.getByRole('button', { name: '开始导出' }).click();
    await modal.getByText(`导出完成，共 ${total} 人`).waitFor({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await modal.getByRole('link', { name: '下载文件' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`人员台账-${community.name}-${todayInChina()}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0];
    const ids = sheet.getColumn(3).values.slice(2).map(String).filter((v) => /\d/.test(v));
    expect(ids.length).toBe(total);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });
});
