import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PHONE, useBrowserApp } from '../support/e2e.js';
import { apiSession, pickRegion } from './helpers.js';
import { call, fillTube, testingScene } from './testing-setup.js';

interface Figures { expected: number; tested: number; missing: number }

/** 应检尽检: the township drills from its own figures down to a grid and the people still to knock on. */
describe('coverage of a round', () => {
  const app = useBrowserApp();

  it('shows a round\'s figures from township to grid, the missing list and its xlsx', { timeout: 120_000 }, async () => {
    const scene = await testingScene(app.url, '覆盖演练');
    const swabbed = scene.residents.slice(0, 4);
    const missing = scene.residents.slice(4);
    await fillTube(scene, 'E2E-COV-000001', swabbed);

    // What the figures must be, from the ledger itself: everyone in the grid is expected (no exemptions), four were swabbed.
    const duoba = await apiSession(app.url, 'duoba');
    const { total: gridResidents } = await call<{ total: number }>(duoba, 'GET', `/people?region=${scene.grid.code}&pageSize=1`);
    const { total: townshipResidents } = await call<{ total: number }>(duoba, 'GET', `/people?region=${scene.township.code}&pageSize=1`);
    expect(gridResidents).toBeGreaterThanOrEqual(10);
    // The counters follow the scans within moments.
    await expect.poll(async () => (await call<{ region: { figures: Figures } }>(duoba, 'GET',
      `/testing/rounds/${scene.roundId}/coverage?region=${scene.grid.code}`)).region.figures.tested, { timeout: 10_000 }).toBe(4);

    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '应检尽检' }).click();
    await page.getByRole('heading', { name: '应检尽检' }).waitFor();
    await page.getByLabel('选择轮次').click();
    await page.locator('.ant-select-item-option').filter({ hasText: scene.roundName }).click();
    const figures = page.getByTestId('coverage-figures');
    const figure = async (title: string) => (await figures.locator('.ant-statistic').filter({
      has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }),
    }).locator('.ant-statistic-content').innerText()).replace(/,/g, '');
    await page.getByTestId('coverage-region').getByText(scene.township.name).waitFor();
    expect(await figure('应检')).toBe(String(townshipResidents));
    expect(await figure('已检')).toBe('4');
    expect(await figure('未检')).toBe(String(townshipResidents - 4));

    // Down to the community, then the grid.
    await page.getByTestId('coverage-table').locator('.ant-table-row').filter({ hasText: scene.community.name }).click();
    await page.getByTestId('coverage-region').getByText(scene.community.name).waitFor();
    expect(await figure('已检')).toBe('4');
    const gridRow = page.getByTestId('coverage-table').locator('.ant-table-row').filter({ hasText: scene.grid.name });
    const cells = (await gridRow.locator('td').allInnerTexts()).map((c) => c.trim().replace(/,/g, ''));
    expect(cells.slice(0, 6)).toEqual([scene.grid.name, String(gridResidents), '0', String(gridResidents), '4', String(gridResidents - 4)]);
    expect(cells[6]).toBe(`${(Math.floor((4 / gridResidents) * 1000) / 10).toFixed(1)}%`);
    await gridRow.click();
    await page.getByTestId('coverage-region').getByText(scene.grid.name).waitFor();
    expect(await figure('应检')).toBe(String(gridResidents));
    expect(await figure('未检')).toBe(String(gridResidents - 4));

    await page.getByRole('tab', { name: `应检未检名单（${gridResidents - 4}）` }).click();
    const list = page.getByTestId('missing-list');
    await list.getByText(`${scene.grid.name} 应检未检 ${gridResidents - 4} 人`).waitFor();
    const download = page.waitForEvent('download');
    await list.getByRole('link', { name: '下载名单（xlsx）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^应检未检名单-${scene.grid.name}-.*\\.xlsx$`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0];
    const addresses: string[] = [];
    sheet.eachRow((row) => addresses.push(row.values ? String((row.values as unknown[]).join('|')) : ''));
    // As in the ledger: the name for the door-knocker, the ID number and phone masked.
    for (const r of missing) {
      const row = addresses.find((a) => a.includes(`|${r.address}`));
      expect(row, r.address).toBeDefined();
      expect(row).toContain(`|${r.name}|${r.idNumber.slice(0, 6)}********${r.idNumber.slice(14)}|${r.phone.slice(0, 3)}****${r.phone.slice(7)}|`);
    }
    for (const a of addresses) expect(a).not.toMatch(/\d{17}[\dX]/);
    for (const r of swabbed) expect(addresses.some((a) => a.includes(r.address)), r.address).toBe(false);

    // One of them is in hospital: exempt, so no longer expected nor missing.
    const inHospital = missing[1];
    await list.locator('.ant-table-row').filter({ hasText: inHospital.address }).getByRole('button', { name: '免检' }).click();
    const exempt = page.locator('.ant-modal').filter({ hasText: `登记免检 · ${inHospital.name}` });
    await exempt.getByLabel('免检原因').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '住院' }).click();
    await exempt.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已登记 ${inHospital.name} 免检`).waitFor();
    await expect.poll(() => figure('免检')).toBe('1');
    expect(await figure('应检')).toBe(String(gridResidents - 1));
    expect(await figure('未检')).toBe(String(gridResidents - 5));
    await figures.getByText('住院 1').waitFor();
    await list.getByText(`${scene.grid.name} 应检未检 ${gridResidents - 5} 人`).waitFor();
    expect(await list.locator('.ant-table-row').filter({ hasText: inHospital.address }).count()).toBe(0);

    // The list handed out as a door-knocking task for the grid, due at the round's end.
    await page.getByRole('button', { name: '派发任务' }).click();
    const issue = page.locator('.ant-modal').filter({ hasText: `派发应检未检名单 · ${scene.grid.name}` });
    await issue.getByLabel('工作要求（可选）').fill('请今晚20时前逐户敲门核查');
    await issue.getByRole('button', { name: '派发' }).click();
    await issue.getByTestId('issued-tasks').getByText('已派发 1 个网格的任务（0 个网格已有任务）').waitFor();
    expect(await issue.getByTestId('issued-tasks').innerText()).toContain(`${scene.grid.name}：未检 ${gridResidents - 5} 人`);
    await issue.getByRole('button', { name: '关闭' }).last().click();

    // The grid worker's view on a phone: the same list as cards, a visit recorded.
    const phone = await app.open(PHONE);
    await app.signIn(phone, 'grid');
    await phone.getByTestId('menu-button').waitFor();
    await phone.goto(`${app.url}/testing/coverage?round=${scene.roundId}&region=${scene.grid.code}`);
    await phone.getByRole('tab', { name: /应检未检名单/ }).click();
    const away = missing[0];
    const personCard = phone.getByTestId('missing-card').filter({ hasText: away.address });
    await personCard.waitFor();
    expect(await personCard.innerText()).toContain(away.name);
    expect(await personCard.innerText()).toContain(`${away.phone.slice(0, 3)}****${away.phone.slice(7)}`);
    await personCard.getByRole('button', { name: '登记核查' }).click();
    const modal = phone.locator('.ant-modal').filter({ hasText: '登记核查结果' });
    await modal.getByText('外出核实').click();
    await modal.getByLabel('备注').fill('电话核实在西宁市城西区务工');
    await modal.getByRole('button', { name: '保存' }).click();
    await personCard.getByText('外出核实').waitFor();

    // English works too.
    await phone.getByTitle('切换语言').click();
    await phone.getByRole('heading', { name: 'Coverage' }).waitFor();
    await phone.getByTestId('coverage-figures').getByText('Expected', { exact: true }).waitFor();
  });

  it('the testing desk: today\'s figures, a new round with its plan, opened from the list', { timeout: 60_000 }, async () => {
    const lead = await apiSession(app.url, 'testing_lead');
    const summary = await call<{ samplesToday: number; tubesSealedToday: number }>(lead, 'GET', '/testing/summary');
    const duoba = await apiSession(app.url, 'duoba');
    const [township] = await call<{ code: string; name: string }[]>(duoba, 'GET', '/regions');
    const { residentCount } = await call<{ residentCount: number }>(lead, 'GET', `/regions/${township.code}`);

    const page = await app.open();
    await app.signIn(page, 'testing_lead');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '核酸检测台' }).click();
    const figures = page.getByTestId('testing-summary');
    const figure = (title: string) => figures.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
    await expect.poll(() => figure('今日采样人次').innerText()).toBe(String(summary.samplesToday));
    expect(await figure('今日封管数').innerText()).toBe(String(summary.tubesSealedToday));

    const name = `${township.name}第6轮全员核酸`;
    await page.getByRole('button', { name: '新建轮次' }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper').filter({ hasText: '新建轮次' });
    await drawer.getByLabel('轮次名称').fill(name);
    await pickRegion(page, drawer.getByLabel('检测范围'), ['湟中区', township.name]);
    await page.keyboard.press('Escape');
    const start = new Date(Date.now() + 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await drawer.getByLabel('开始时间').fill(`${start} 07:00`);
    await drawer.getByLabel('开始时间').press('Enter');
    await drawer.getByLabel('结束时间').fill(`${start} 19:00`);
    await drawer.getByLabel('结束时间').press('Enter');
    // Twelve hours: twice the samplers of a day-long round.
    const plan = drawer.getByTestId('round-plan');
    await plan.getByText('采样人员（12小时完成）').waitFor();
    const planText = (await plan.innerText()).replace(/,/g, '');
    expect(planText).toContain(String(residentCount));
    expect(planText).toContain(`${Math.ceil(residentCount / 3000)}–${Math.ceil(residentCount / 2000)}`);
    expect(planText).toContain(String(Math.ceil((residentCount / 360) * 2)));
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已新建轮次：${name}`).waitFor();

    const card = page.getByTestId('round-card').filter({ hasText: name });
    await card.getByText('未开始').waitFor();
    expect(await card.innerText()).toContain('低风险区 10混1');
    await card.getByRole('button', { name: '开始采样' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await card.getByText('采样中').waitFor();
    await card.getByRole('button', { name: '结束轮次' }).waitFor();
  });
});
