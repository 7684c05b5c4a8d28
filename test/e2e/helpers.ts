import type { Locator, Page } from 'playwright-core';
import { PASSWORD } from '../support/e2e.js';

/**
 * An open modal or drawer, found by its title. (Not by its accessible name: a web build made while
 * NODE_ENV=test gives every antd dialog the same 'test-id' label id.)
 */
export function dialog(page: Page, title: string): Locator {
  return page.locator('.ant-modal, .ant-drawer-content-wrapper').filter({
    has: page.locator('.ant-modal-title, .ant-drawer-title', { hasText: title }),
  });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

/** A session cookie for calling the API directly (test set-up, not what is under test). */
export async function apiSession(baseUrl: string, username: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (path, init = {}) => fetch(`${baseUrl}/api/v1${path}`, { ...init, headers: { ...init.headers, cookie } });
}

/** The names down a line of the region tree: a scope root, then the first child at each level below it. */
export async function firstDescendants(api: (path: string) => Promise<Response>, depth: number): Promise<{ code: string; name: string }[]> {
  const [root] = (await (await api('/regions')).json()) as { code: string; name: string }[];
  const line = [root];
  for (let i = 0; i < depth; i++) {
    const [child] = (await (await api(`/regions/${line[line.length - 1].code}/children`)).json()) as { code: string; name: string }[];
    line.push(child);
  }
  return line;
}

/** Opens a region picker and walks down the tree by names, choosing the last one. */
export async function pickRegion(page: Page, field: Locator, names: string[]): Promise<void> {
  await field.click();
  const popup = page.locator('.ant-select-dropdown:visible');
  for (const [i, name] of names.entries()) {
    const node = popup.locator('.ant-select-tree-treenode').filter({
      has: page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) }),
    });
    if (i < names.length - 1) {
      await node.locator('.ant-select-tree-switcher').click();
      await node.and(page.locator('[aria-expanded="true"]')).waitFor();
    } else {
      await node.locator('.ant-select-tree-title').click();
    }
  }
}
