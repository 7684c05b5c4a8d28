import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** Every demo account's password. */
export const PASSWORD = 'anning2022';
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface BrowserApp {
  /** The server's base URL (once the suite has started). */
  readonly url: string;
  /** A fresh browser context (no cookies, no stored language) with one page; closed after the suite. */
  open(viewport?: typeof DESKTOP): Promise<Page>;
  /** Signs in through the login form. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
}

/**
 * For a browser suite (call it in a `describe`): a server with the small demo district and a
 * Chromium, started before the suite's tests and stopped after them, with the pages opened on it.
 */
export function useBrowserApp(): BrowserApp {
  let server: RunningServer;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ seed: 'small' }), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await browser?.close();
    await server?.stop();
  });

  return {
    get url() {
      return server.url;
    },
    async open(viewport = DESKTOP) {
      // Reduced motion (which the UI honours) keeps drawers and trees from moving under the pointer.
      const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce' });
      const page = await context.newPage();
      pages.push(page);
      // Fail a step well within the test's own timeout, so the report names the step.
      page.setDefaultTimeout(10_000);
      return page;
    },
    async signIn(page, username, password = PASSWORD) {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      // Signed in once the shell opens (a test going to an address at once would beat the session cookie),
      // or refused with a message on the login page.
      await Promise.race([
        page.waitForURL((u) => !u.pathname.startsWith('/login')),
        page.locator('.login-alert.ant-alert-error, .login-alert.ant-alert-warning').first().waitFor(),
      ]);
    },
  };
}
