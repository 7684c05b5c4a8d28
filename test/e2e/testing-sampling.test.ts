import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MySite, TubeDetail } from '../../src/shared/contracts/testing/sampling.js';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog, firstDescendants } from './helpers.js';

/** A small phone: the page is laid out for 360 px first. */
const SMALL_PHONE = { width: 360, height: 740 };

type Api = Awaited<ReturnType<typeof apiSession>>;

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const post = (api: Api, path: string, body: unknown) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * The sampler's site with an open round taking 10-in-1 tubes: the demo seed's when it has one, else
 * made here by the testing lead (a round over 多巴镇, a low-risk site in its first community).
 */
async function samplingSite(url: string): Promise<MySite> {
  const sampler = await apiSession(url, 'sampler');
  const ready = (await json<MySite[]>(await sampler('/testing/my-sites'))).find((s) => s.round && s.capacity === 10);
  if (ready) return ready;

  const lead = await apiSession(url, 'testing_lead');
  const [township, community] = await firstDescendants(await apiSession(url, 'duoba'), 1);
  const now = Date.now();
  // Started an hour ago, so open from the moment it is declared.
  await json(await post(lead, '/testing/rounds', {
    name: `${township.name}全员核酸检测（浏览器测试）`, regionCodes: [township.code],
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 23 * 3_600_000).toISOString(),
    poolPolicy: { byZone: { high: 1, medium: 5, low: 10, none: 10 }, byCategory: { incident_member: 1 } },
  }));
  const site = await json<{ id: string }>(await post(lead, '/testing/sites', {
    name: `${community.name}采样点`, regionCode: community.code, zoneLevel: 'low',
  }));
  const me = await json<{ id: string }>(await sampler('/auth/me'));
  await json(await post(lead, `/testing/sites/${site.id}/samplers`, { userId: me.id }));
  const made = (await json<MySite[]>(await sampler('/testing/my-sites'))).find((s) => s.siteId === site.id);
  if (!made?.round || made.capacity !== 10) throw new Error(`site not ready: ${JSON.stringify(made)}`);
  return made;
}

/**
 * Real ID numbers of residents of 多巴镇, read in clear by the township cadre (an audited unmask):
 * what a sampler's scanner would type from their ID cards. Each call hands out new people.
 */
async function residentIds(url: string, count: number, skip: number): Promise<string[]> {
  const cadre = await apiSession(url, 'duoba');
  const page = await json<{ items: { id: string; docType: string; status: string }[] }>(
    await cadre(`/people?region=630106105&pageSize=100&page=1`));
  const people = page.items.filter((p) => p.docType === 'resident_id' && p.status === 'active').slice(skip, skip + count);
  if (people.length < count) throw new Error(`only ${people.length} residents to scan`);
  return Promise.all(people.map(async (p) => {
    const clear = await json<{ docNumber: string }>(await post(cadre, `/people/${p.id}/unmask`,
      { fields: ['docNumber'], reason: '浏览器测试：采样员扫码' }));
    return clear.docNumber;
  }));
}

/** What a keyboard-wedge scanner does: types the text into whatever has the focus, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openSampling(app: ReturnType<typeof useBrowserApp>, site: MySite): Promise<Page> {
  const page = await app.open(SMALL_PHONE);
  await app.signIn(page, 'sampler');
  // The sampler's start page is the sampling page, its input already focused.
  await page.getByText('请扫描试管条码').waitFor();
  const picker = page.getByLabel('采样点');
  if (await picker.count()) {
    await picker.click();
    await page.locator('.ant-select-item-option').filter({ hasText: site.siteName }).click();
    await page.getByTestId('scan-input').focus();
  }
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('scan-input');
  return page;
}

const counter = (page: Page) => page.getByTestId('tube-counter').innerText();
const pending = (page: Page) => page.getByTestId('pending-count').innerText();

describe('the sampler at the sampling site, on a phone', () => {
  const app = useBrowserApp();

  it('fills and seals a 10-in-1 tube with the keyboard only', { timeout: 90_000 }, async () => {
    const site = await samplingSite(app.url);
    const ids = await residentIds(app.url, 10, 0);
    const barcode = `E2E${Date.now()}A`;
    const page = await openSampling(app, site);

    await scan(page, barcode);
    await expect.poll(() => counter(page)).toBe('0/10');
    await page.getByText('请扫描身份证号或采集码（第 1 人）').waitFor();

    for (const [n, id] of ids.entries()) {
      await scan(page, id);
      // Every scan is confirmed before the next: the counter, the person's masked name, the flash.
      await expect.poll(() => counter(page)).toBe(`${n + 1}/10`);
    }
    await page.getByTestId('tube-sealed').filter({ hasText: '已封管' }).waitFor();
    await page.getByText('已封管，请扫描下一支试管条码').waitFor();
    expect(await page.getByTestId('scan-feedback').innerText()).toContain('已满 10 人，已封管');
    const names = await page.getByTestId('tube-members').locator('.sampling-member-name').allInnerTexts();
    expect(names).toHaveLength(10);
    for (const name of names) expect(name).toMatch(/\*/);
    expect(await pending(page)).toBe('待同步 0 条');

    const tube = await json<TubeDetail>(await (await apiSession(app.url, 'sampler'))(`/testing/tubes/${barcode}`));
    expect(tube.status).toBe('sealed');
    expect(tube.underfilled).toBe(false);
    expect(tube.capacity).toBe(10);
    expect(tube.members.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // The focus never left the input: the next tube is one scan away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('scan-input');
  });

  it('keeps scanning with the network cut for 20 scans, survives a reload, and syncs every scan exactly once', { timeout: 120_000 }, async () => {
    const site = await samplingSite(app.url);
    const ids = await residentIds(app.url, 20, 10);
    const stamp = Date.now();
    const tubes = [`E2E${stamp}B`, `E2E${stamp}C`];
    const page = await openSampling(app, site);
    const context = page.context();

    await context.setOffline(true);
    await page.getByTestId('network-state').filter({ hasText: '离线' }).waitFor();
    for (const [t, barcode] of tubes.entries()) {
      await scan(page, barcode);
      await expect.poll(() => counter(page)).toBe('0/10');
      for (const [n, id] of ids.slice(t * 10, t * 10 + 10).entries()) {
        await scan(page, id);
        await expect.poll(() => counter(page)).toBe(`${n + 1}/10`);
      }
      // Counted on the phone against the tube's capacity: full, so sealed here, waiting to sync.
      await page.getByTestId('tube-sealed').filter({ hasText: '已封管（待同步）' }).waitFor();
    }
    // Two tube openings and twenty scans wait on the phone.
    await expect.poll(() => pending(page)).toBe('待同步 22 条');

    // The network comes back but the server is unreachable; the phone is reloaded: the queue is still there.
    await page.route('**/api/v1/testing/**', (route) => route.abort('connectionrefused'));
    await context.setOffline(false);
    await page.reload();
    await expect.poll(() => pending(page)).toBe('待同步 22 条');

    // The server is back. The first batch reaches it but its answer is lost on the way back: the
    // phone sends it again, and the server, which stores a scan once by its id, does not double it.
    let lostAnswers = 0;
    await page.unroute('**/api/v1/testing/**');
    await page.route('**/api/v1/testing/scans/batch', async (route) => {
      if (lostAnswers === 0) {
        lostAnswers += 1;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    // Retried by the page on its own (backoff), no tap needed.
    await expect.poll(() => pending(page), { timeout: 60_000, interval: 500 }).toBe('待同步 0 条');
    expect(lostAnswers).toBe(1);
    expect(await page.getByTestId('problems').count()).toBe(0);

    const sampler = await apiSession(app.url, 'sampler');
    for (const barcode of tubes) {
      const tube = await json<TubeDetail>(await sampler(`/testing/tubes/${barcode}`));
      expect(tube.status).toBe('sealed');
      expect(tube.members.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(tube.members.map((m) => m.sampleId)).size).toBe(10);
    }
  });

  it('refuses clearly, records an unregistered person, asks a reason to sample again and seals an under-filled tube with F2', { timeout: 90_000 }, async () => {
    const site = await samplingSite(app.url);
    const [person] = await residentIds(app.url, 1, 30);
    const stranger = makeIdNumber('630122', '1991-04-17', 913);
    const stamp = Date.now();
    const [first, second] = [`E2E${stamp}D`, `E2E${stamp}E`];
    const page = await openSampling(app, site);
    const feedback = () => page.getByTestId('scan-feedback').innerText();
    // Where the next keystroke goes: the scan input, or a field of an open dialog.
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      if (el?.closest('.ant-modal')) return el.tagName === 'INPUT' ? 'modal' : 'modal frame';
      return el?.getAttribute('data-testid');
    });

    // A person before any tube: the page asks for the tube first.
    await scan(page, person);
    await expect.poll(feedback).toBe('这是身份证号或采集码，请先扫描试管条码');
    await scan(page, first);
    await scan(page, person);
    await expect.poll(() => counter(page)).toBe('1/10');
    await scan(page, person);
    await expect.poll(feedback).toMatch(/已在本管中，请勿重复扫码$/);
    expect(await counter(page)).toBe('1/10');

    // Not in the ledger: the minimal form, typed without touching the screen.
    await scan(page, stranger);
    await dialog(page, '未登记人员采样').waitFor();
    await expect.poll(focused).toBe('modal');
    await page.keyboard.type('马小虎');
    await page.keyboard.press('Enter');
    await expect.poll(() => counter(page)).toBe('2/10');
    await page.getByTestId('tube-members').getByText('未登记').waitFor();

    // F2 seals early; the under-filled tube is confirmed with Enter and marked.
    await expect.poll(focused).toBe('scan-input');
    await page.keyboard.press('F2');
    await dialog(page, '确认封管').waitFor();
    await expect.poll(focused).toBe('modal');
    await page.keyboard.press('Enter');
    await expect.poll(feedback).toBe('已封管：2/10（未满管，已标记）');
    await page.getByTestId('tube-status').getByText('未满管').waitFor();

    // The same person again today, in the next tube: a warning, and a reason makes it go through.
    await expect.poll(focused).toBe('scan-input');
    await scan(page, second);
    await scan(page, person);
    await dialog(page, '今日已采样').waitFor();
    await expect.poll(focused).toBe('modal');
    await page.keyboard.type('上次样本无效');
    await page.keyboard.press('Enter');
    await expect.poll(() => counter(page)).toBe('1/10');

    // In English, the page and the refusals speak English.
    await page.getByRole('button', { name: /\bEN$/ }).click();
    await page.getByText('Scan the ID number or collection code (person 2)').waitFor();
    await page.getByTestId('scan-input').focus();
    await scan(page, person);
    await expect.poll(feedback).toMatch(/is already in this tube$/);

    const sampler = await apiSession(app.url, 'sampler');
    const sealed = await json<TubeDetail>(await sampler(`/testing/tubes/${first}`));
    expect(sealed).toMatchObject({ status: 'sealed', underfilled: true, memberCount: 2 });
    expect(sealed.members.map((m) => [m.name, m.unregistered])).toEqual([[expect.stringMatching(/\*/), false], ['马小虎', true]]);
    const again = await json<TubeDetail>(await sampler(`/testing/tubes/${second}`));
    expect(again).toMatchObject({ status: 'open', memberCount: 1 });
  });

  it("shows a resident their 采集码 as a QR code without a login, and the sampler scans it", { timeout: 90_000 }, async () => {
    const site = await samplingSite(app.url);
    const cadre = await apiSession(app.url, 'duoba');
    const list = await json<{ items: { id: string; docType: string; status: string; phone: string | null }[] }>(
      await cadre('/people?region=630106105&pageSize=100&page=2'));
    const who = list.items.find((p) => p.docType === 'resident_id' && p.status === 'active' && p.phone);
    if (!who) throw new Error('no resident with a phone');
    const clear = await json<{ docNumber: string; phone: string }>(await post(cadre, `/people/${who.id}/unmask`,
      { fields: ['docNumber', 'phone'], reason: '浏览器测试：居民查询采集码' }));

    const resident = await app.open(SMALL_PHONE);
    await resident.goto(`${app.url}/resident`);
    const lookUp = async () => {
      await resident.getByLabel('身份证号').fill(clear.docNumber);
      await resident.getByLabel('手机号后4位').fill(clear.phone.slice(-4));
      await resident.getByRole('button', { name: '查询' }).click();
    };
    await lookUp();
    const card = resident.getByTestId('collection-code');
    await card.waitFor();
    const code = (await card.locator('.resident-code-text').innerText()).trim();
    expect(code).toMatch(/^ANC1-[0-9A-Z]{16}$/);
    expect(await card.locator('img.resident-qr').getAttribute('alt')).toBe(code);
    expect(await card.locator('img.resident-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await resident.getByText('暂无检测记录').waitFor();

    const page = await openSampling(app, site);
    await scan(page, `E2E${Date.now()}F`);
    await scan(page, code);
    await expect.poll(() => counter(page)).toBe('1/10');
    await expect.poll(() => page.getByTestId('scan-feedback').innerText()).toMatch(/，第 1 人$/);

    await resident.getByRole('button', { name: '重新查询' }).click();
    await lookUp();
    await expect.poll(() => resident.getByTestId('resident-results').locator('li').count()).toBe(1);
    expect(await resident.getByTestId('resident-results').innerText()).toContain(site.siteName);
  });
});
