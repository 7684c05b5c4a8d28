import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e.js';
import { apiSession, firstDescendants, pickRegion } from './helpers.js';
import { call } from './testing-setup.js';

interface Site { id: string; name: string; zoneLevel: string; tableCount: number; status: string; samplers: { userId: string; name: string }[] }

/** 采样点: the testing lead sets up a site, puts a sampler on it and closes it again. */
describe('sampling sites', () => {
  const app = useBrowserApp();

  it('creates a site in a community, assigns and removes a sampler, and closes it', { timeout: 90_000 }, async () => {
    const lead = await apiSession(app.url, 'testing_lead');
    const sampler = await apiSession(app.url, 'sampler');
    const [township, community] = await firstDescendants(await apiSession(app.url, 'duoba'), 1);
    const me = await call<{ id: string; displayName: string }>(sampler, 'GET', '/auth/me');
    // The sampler already works at one site, which is how the lead finds them.
    const first = await call<Site>(lead, 'POST', '/testing/sites', { name: `${community.name}文化广场采样点`, regionCode: community.code });
    await call(lead, 'POST', `/testing/sites/${first.id}/samplers`, { userId: me.id });

    const page = await app.open();
    await app.signIn(page, 'testing_lead');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '采样点' }).click();
    await page.getByRole('heading', { name: '采样点' }).waitFor();
    await page.getByRole('button', { name: '新建采样点' }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper').filter({ hasText: '新建采样点' });
    const name = `${community.name}卫生院采样点`;
    await drawer.getByLabel('采样点名称').fill(name);
    await pickRegion(page, drawer.getByLabel('所属区域'), ['湟中区', township.name, community.name]);
    await drawer.getByLabel('地址').fill('卫生院门诊楼前');
    await drawer.getByLabel('所在区域风险等级').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '中风险区' }).click();
    await drawer.getByLabel('采样台数').fill('3');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已保存采样点：${name}`).waitFor();

    const card = page.getByTestId('site-card').filter({ hasText: name });
    await card.waitFor();
    expect(await card.innerText()).toContain('中风险区');
    expect(await card.innerText()).toContain('3个采样台');
    expect(await card.innerText()).toContain('07:00–22:00');
    await card.getByText('未分配采样员').waitFor();

    await card.getByRole('button', { name: '添加采样员' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: `添加采样员 · ${name}` });
    await modal.getByLabel('采样员').click();
    await page.locator('.ant-select-item-option').filter({ hasText: me.displayName }).click();
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(`已将 ${me.displayName} 分配到 ${name}`).waitFor();
    await card.locator('.ant-tag').filter({ hasText: me.displayName }).waitFor();
    const stored = async () => (await call<Site[]>(lead, 'GET', `/testing/sites?region=${community.code}`)).find((s) => s.name === name)!;
    expect(await stored()).toMatchObject({ zoneLevel: 'medium', tableCount: 3, status: 'active', samplers: [{ userId: me.id }] });

    await card.getByLabel(`移除采样员 ${me.displayName}`).click();
    await card.getByText('未分配采样员').waitFor();
    expect((await stored()).samplers).toEqual([]);

    await card.getByRole('button', { name: '关闭采样点' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await card.getByText('已关闭').waitFor();
    expect((await stored()).status).toBe('closed');
  });

  it('makes a lab API token, shows it once, and revokes it so that the lab API refuses it', { timeout: 90_000 }, async () => {
    const page = await app.open();
    await app.signIn(page, 'testing_lead');
    // Through the menu, once signed in (going to the address at once could beat the session cookie).
    await page.locator('.shell-sider').getByRole('menuitem', { name: '采样点' }).click();
    const card = page.getByTestId('lab-tokens');
    await card.getByRole('button', { name: '新建令牌' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建令牌' });
    await modal.getByLabel('检测机构').click();
    await page.locator('.ant-select-item-option').first().click();
    await modal.getByLabel('用途说明').fill('LIS 自动报送');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    const token = (await page.getByTestId('new-token').innerText()).trim();
    expect(token).toMatch(/^anlab_\S{40,}$/);
    const post = () => fetch(`${app.url}/api/v1/testing/lab/results`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ results: [{ barcode: 'E2E-UNKNOWN-TUBE', result: 'negative' }] }),
    });
    // Accepted as the lab's voice: the row itself is refused (no such tube), not the token.
    expect((await post()).status).toBe(422);
    await page.getByRole('button', { name: '已复制，关闭' }).click();
    await expect.poll(() => page.getByTestId('new-token').count()).toBe(0);

    const row = card.locator('tr').filter({ hasText: 'LIS 自动报送' });
    await row.getByRole('button', { name: '作废' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('令牌“LIS 自动报送”已作废').waitFor();
    await row.getByText(/已于 .* 作废/).waitFor();
    expect((await post()).status).toBe(401);
  });
});
