import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { PHONE, useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog, firstDescendants, pickRegion, signOut } from './helpers.js';

describe('web shell: a township cadre, the ledger, unmasking and the audit log', () => {
  const app = useBrowserApp();

  it('shows a cadre only their menu and their township', async () => {
    const page = await app.open();
    await app.signIn(page, 'duoba');
    const nav = page.locator('.shell-sider .nav-menu');
    await expect.poll(() => nav.getByRole('menuitem').allInnerTexts()).toEqual(['今日工作', '待办', '区域', '人员台账', '核酸检测台', '应检尽检', '阳性混管', '管控人员', '排查轮次', '协查名单', '隔离点', '风险区']);
    await expect.poll(() => page.getByTestId('response-badge').innerText()).toMatch(/^一级响应 · 防控方案（第九版）/);

    await nav.getByRole('menuitem', { name: '区域' }).click();
    const tree = page.getByTestId('region-tree');
    await tree.getByText('多巴镇', { exact: true }).waitFor();
    // The single scope root opens by itself; its communities carry household and resident counts.
    const rootLevel = tree.locator('.ant-tree-treenode:not(:has(.ant-tree-indent-unit))');
    await expect.poll(() => rootLevel.locator('.region-name').allInnerTexts()).toEqual(['多巴镇']);
    await expect.poll(async () => (await tree.locator('.region-counts').allInnerTexts()).length).toBeGreaterThan(1);
    expect(await tree.locator('.region-counts').first().innerText()).toMatch(/^[\d,]+ 户 · [\d,]+ 人$/);
    expect(await page.getByText('鲁沙尔镇').count()).toBe(0);
  });

  it('registers a resident, finds them by ID number and unmasks the phone with a reason; the commander sees it audited', async () => {
    const api = await apiSession(app.url, 'duoba');
    const [township, community, grid] = await firstDescendants(api, 2);
    const idNumber = makeIdNumber('630122', '1978-11-09', 417);
    const reason = `入户走访核实 ${Date.now() % 100000}`;

    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '人员台账' }).click();
    await page.getByTestId('people-table').locator('.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: '新增人员' }).click();
    const drawer = dialog(page, '新增人员');
    // A mistyped check digit is caught on the phone, before anything is sent.
    await drawer.getByLabel('证件号码').fill(`${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`);
    await drawer.getByLabel('姓名').fill('韩晓梅');
    await drawer.getByText('身份证号校验位错误，请核对').waitFor();
    await drawer.getByLabel('证件号码').fill(idNumber);
    await drawer.getByText('出生日期 1978-11-09 · 男').waitFor();
    await drawer.getByLabel('联系电话').fill('13997123456');
    await pickRegion(page, drawer.getByLabel('所属网格/楼院'), [township.name, community.name, grid.name]);
    await drawer.getByLabel('住址').fill('测试小区1号楼1单元101室');
    await drawer.getByRole('checkbox', { name: '慢性病' }).check();
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('已登记：韩晓梅').waitFor();

    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByRole('button', { name: '查询' }).click();
    const rows = page.getByTestId('people-table').locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain('韩晓梅');
    expect(await row.innerText()).toContain('139****3456');
    expect(await row.innerText()).not.toContain(idNumber);

    await row.getByRole('button', { name: '查看明文' }).click();
    const modal = dialog(page, '查看明文 · 韩晓梅');
    await modal.getByRole('button', { name: '确认查看' }).click();
    await modal.getByText('请填写查看事由（至少2个字）').waitFor();
    await modal.getByLabel('查看事由').fill(reason);
    await modal.getByRole('button', { name: '确认查看' }).click();
    await modal.getByTestId('unmask-result').getByText('13997123456').waitFor();
    await modal.getByText('本次查看已记入审计日志').waitFor();
    await modal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await signOut(page);

    await app.signIn(page, 'commander');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '审计日志' }).click();
    const entry = page.getByTestId('audit-table').locator('.ant-table-row').filter({ hasText: reason });
    await entry.waitFor();
    const text = await entry.innerText();
    expect(text).toContain('duoba');
    expect(text).toContain('查看明文');
    expect(text).toContain('乡镇干部');
    expect(text).toContain('phone');
  });

  it('keeps the ledger and admin pages away from roles without the permission', async () => {
    const page = await app.open();
    await app.signIn(page, 'sampler');
    const nav = page.locator('.shell-sider .nav-menu');
    await expect.poll(() => nav.getByRole('menuitem').allInnerTexts()).toEqual(['核酸采样', '待办', '区域']);
    await page.goto(`${app.url}/people`);
    await page.getByText('无权访问').waitFor();
  });

  it('puts the menu behind a button on a phone and lists the ledger as cards', async () => {
    const page = await app.open(PHONE);
    await app.signIn(page, 'duoba');
    await page.getByTestId('menu-button').waitFor();
    expect(await page.locator('.shell-sider').count()).toBe(0);

    await page.getByTestId('menu-button').click();
    const drawer = page.locator('.nav-drawer');
    await expect.poll(() => drawer.getByRole('menuitem').allInnerTexts()).toEqual(['今日工作', '待办', '区域', '人员台账', '核酸检测台', '应检尽检', '阳性混管', '管控人员', '排查轮次', '协查名单', '隔离点', '风险区']);
    const item = drawer.getByRole('menuitem', { name: '人员台账' });
    expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await item.click();
    await page.getByRole('heading', { name: '人员台账' }).waitFor();
    await expect.poll(() => drawer.isVisible()).toBe(false);

    const cards = page.getByTestId('people-cards').locator('.person-card');
    await cards.first().waitFor();
    // Nothing wider than the screen: no sideways scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await cards.first().getByRole('button', { name: '查看明文' }).waitFor();
  });

  it('switches to English, including the server\'s messages, and remembers it', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Username').fill('duoba');
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong username or password').waitFor();

    await page.getByLabel('Password').fill('anning2022');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.locator('.shell-sider .nav-menu');
    await expect.poll(() => nav.getByRole('menuitem').allInnerTexts()).toEqual(["Today's work", 'Tasks', 'Regions', 'Residents ledger', 'Testing desk', 'Coverage', 'Positive pools',
      'Managed people', 'Screening rounds', 'Investigation lists', 'Isolation sites', 'Risk zones']);
    await expect.poll(() => page.getByTestId('response-badge').innerText())
      .toMatch(/^Level I response · Prevention plan, 9th edition/);
    await nav.getByRole('menuitem', { name: 'Residents ledger' }).click();
    await page.getByRole('columnheader', { name: 'Document number' }).waitFor();
    await page.getByRole('button', { name: 'Show in clear' }).first().waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Residents ledger' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '人员台账' }).waitFor();
  });

  it('says clearly when an account is locked', async () => {
    for (let i = 0; i < 9; i++) {
      await fetch(`${app.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'volunteer', password: `wrong-${i}` }),
      });
    }
    const page = await app.open();
    await app.signIn(page, 'volunteer', 'wrong-again');
    await page.getByRole('alert').getByText('密码错误次数过多，账号已临时锁定，请 15 分钟后再试').waitFor();
  });
});
