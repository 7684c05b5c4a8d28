import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog, firstDescendants, pickRegion, signOut } from './helpers.js';

describe('user administration', () => {
  const app = useBrowserApp();

  it('creates a grid worker scoped to one grid, who then sees only that grid; resets and disables the account', { timeout: 90_000 }, async () => {
    const [township, community, grid] = await firstDescendants(await apiSession(app.url, 'duoba'), 2);
    const page = await app.open();

    await app.signIn(page, 'admin');
    const nav = page.locator('.shell-sider .nav-menu');
    await expect.poll(() => nav.getByRole('menuitem').allInnerTexts()).toEqual(['待办', '区域', '用户管理', '审计日志']);
    await nav.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('cell', { name: 'duoba', exact: true }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const form = dialog(page, '新建用户');
    await form.getByLabel('用户名').fill('wangge7');
    await form.getByLabel('姓名/单位').fill('通海社区 网格员 李');
    await form.getByLabel('初始密码').fill('short');
    await form.getByLabel('角色').click();
    await page.locator('.ant-select-dropdown:visible').getByText('网格员', { exact: true }).click();
    await pickRegion(page, form.getByLabel('管辖范围'), ['湟中区', township.name, community.name, grid.name]);
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('密码至少8位，且须包含字母和数字').waitFor();
    await form.getByLabel('初始密码').fill('Wangge2022');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：通海社区 网格员 李').waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: 'wangge7' });
    expect(await row.innerText()).toContain('网格员');
    expect(await row.innerText()).toContain(grid.name);
    await signOut(page);

    await app.signIn(page, 'wangge7', 'Wangge2022');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '区域' }).click();
    const roots = page.getByTestId('region-tree').locator('.ant-tree-treenode:not(:has(.ant-tree-indent-unit)) .region-name');
    await expect.poll(() => roots.allInnerTexts()).toEqual([grid.name]);
    await signOut(page);

    await app.signIn(page, 'admin');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '用户管理' }).click();
    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = dialog(page, '重置密码');
    await reset.getByLabel('新密码').fill('Wangge2023');
    await reset.getByRole('button', { name: /确\s?定/ }).click();
    await page.getByText('已重置 通海社区 网格员 李 的密码').waitFor();

    await row.getByRole('button', { name: '编辑' }).click();
    const edit = dialog(page, '编辑用户 · wangge7');
    await edit.getByRole('switch', { name: '状态' }).click();
    await edit.getByRole('button', { name: '保存' }).click();
    await row.getByText('停用').waitFor();

    await page.locator('.shell-sider').getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByLabel('操作').click();
    await page.locator('.ant-select-dropdown:visible').getByText('新建用户', { exact: true }).click();
    await page.getByRole('button', { name: '查询' }).click();
    // Until the filtered page arrives the table still lists every action: wait for the row of this one.
    const created = page.getByTestId('audit-table').locator('.ant-table-row').filter({ hasText: 'wangge7' })
      .filter({ hasText: '新建用户' });
    await created.waitFor();
    expect(await created.innerText()).toContain('admin');
    await signOut(page);

    await app.signIn(page, 'wangge7', 'Wangge2023');
    await page.getByRole('alert').getByText('账号已停用，请联系管理员').waitFor();
  });
});
