import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeIdNumber, todayInChina } from '../../src/shared/validators/index.js';
import { PHONE, useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GRID = '630106105001001';

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('协查名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Screening in the field: a grid worker's day on a phone, and a 协查 list taken in by a township. */
describe('screening in the field', () => {
  const app = useBrowserApp();

  it("a grid worker opens 今日工作 on a phone, records a night visit with a new arrival and sees it done", { timeout: 90_000 }, async () => {
    const phone = await app.open(PHONE);
    await app.signIn(phone, 'grid');
    // 今日工作 is the grid worker's start page.
    await phone.getByRole('heading', { name: '今日工作' }).waitFor();
    expect(new URL(phone.url()).pathname).toBe('/today');
    const visits = phone.getByTestId('today-visits');
    await visits.getByText(/多巴镇第1轮入户排查（白\+黑）：已排查 5\/\d+ 户/).waitFor();
    const household = visits.getByTestId('today-household').first();
    const address = await household.locator('.ant-list-item-meta-title').innerText();
    await household.getByRole('button', { name: '登记走访' }).click();

    const sheet = phone.locator('.field-sheet');
    await sheet.getByText('夜间').click();
    await sheet.getByText('有新到人员').click();
    await sheet.getByTestId('visit-submit').click();
    await visits.getByTestId('visit-recorded').filter({ hasText: address.split('\n')[0] }).getByText('有新到人员').waitFor();
    await visits.getByText(/已排查 6\/\d+ 户/).waitFor();
    // The new arrival became a task for the grid: registration and travel check.
    await phone.getByTestId('today-tasks').getByText(/新到人员登记、核查行程/).first().waitFor();

    const grid = await apiSession(app.url, 'grid');
    const [round] = (await (await grid('/screening/rounds')).json()) as { id: string }[];
    const recorded = (await (await grid(`/screening/rounds/${round.id}/visits?region=${GRID}`)).json()) as { shift: string; outcome: string }[];
    expect(recorded.filter((v) => v.shift === 'night' && v.outcome === 'new_arrival').length).toBe(2);

    // The printable sheet of the same day.
    await phone.getByRole('button', { name: '打印工作单' }).click();
    await phone.getByTestId('today-print').getByRole('heading', { name: /今日工作单/ }).waitFor();
  });

  it('a township cadre imports a 协查 list and sees the report and the people to find', { timeout: 90_000 }, async () => {
    const duoba = await apiSession(app.url, 'duoba');
    const known = [makeIdNumber('630122', '1975-03-04', 611), makeIdNumber('630122', '1982-11-09', 622)];
    for (const [i, docNumber] of known.entries()) {
      const res = await duoba('/people', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ docNumber, name: ['马协查', '韩协查'][i], regionCode: GRID }) });
      expect(res.status).toBe(201);
    }
    const stranger = makeIdNumber('310115', '1990-06-15', 733);
    const date = todayInChina(new Date(Date.now() - 2 * 86_400_000));
    const file = await workbook([
      ['姓名', '证件号码', '手机号码', '协查原因', '来源地区', '起止日期', '末次暴露日期'],
      ['马协查', known[0], '13909710001', '同航班', '上海市浦东新区', '', date],
      ['韩协查', known[1], '', '同航班', '上海市浦东新区', '', date],
      ['外地人', stranger, '13909710002', '同航班', '上海市浦东新区', '', date],
    ]);

    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '协查名单' }).click();
    await page.getByRole('heading', { name: '协查名单' }).waitFor();
    await page.getByPlaceholder(/协查函/).fill('西宁市指挥部协查函（演练）');
    await page.locator('input[type=file]').setInputFiles({ name: '协查名单-演练.xlsx', mimeType: XLSX, buffer: file });
    const report = page.getByTestId('xiecha-report');
    await report.waitFor();
    const figure = async (title: string) => report.locator('.ant-statistic').filter({
      has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }),
    }).locator('.ant-statistic-content').innerText();
    expect(await figure('名单行数')).toBe('3');
    expect(await figure('匹配台账')).toBe('2');
    expect(await figure('新增管控')).toBe('2');
    expect(await figure('待查找')).toBe('1');

    await page.getByRole('button', { name: '未匹配人员' }).click();
    const list = page.getByTestId('unmatched-list');
    const row = list.locator('tr').filter({ hasText: `310115********${stranger.slice(-4)}` });
    await row.waitFor();
    expect(await row.innerText()).toContain('139****0002');
    await row.getByRole('button', { name: '查无此人' }).click();
    await dialog(page, '查无此人').getByRole('button', { name: /确\s*定|OK/ }).click();
    await list.getByText('暂无数据').or(list.locator('.ant-empty')).first().waitFor();
  });
});
