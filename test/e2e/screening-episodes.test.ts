import { describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulidx';
import { PHONE, useBrowserApp } from '../support/e2e.js';
import { dialog, signOut } from './helpers.js';
import { call, fillTube, maskName, testingScene } from './testing-setup.js';

const ulid = monotonicFactory();

/**
 * The journey: a positive pool's members become managed people, appear in the grid worker's
 * day list and ledger, a member's single-tube retest comes back negative, the release is proposed by
 * itself and confirmed by the community cadre in the UI.
 */
describe('managed people: a positive pool to a release', () => {
  const app = useBrowserApp();

  it('pool positive → episodes in the grid worker\'s lists → negative retest → release proposed → confirmed', { timeout: 180_000 }, async () => {
    const scene = await testingScene(app.url, '管控');
    const pool = 'E2E-EPI-POOL-01';
    await fillTube(scene, pool, scene.residents);
    const token = await call<{ token: string }>(scene.lead, 'POST', '/testing/lab-tokens', { labId: scene.labId, label: 'LIS 管控演练' });
    const postResults = async (results: object[]) => {
      const res = await fetch(`${app.url}/api/v1/testing/lab/results`, { method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` }, body: JSON.stringify({ results }) });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await postResults([{ barcode: pool, result: '阳性', ctN: 29.5, ctOrf: 30.2 }]);
    const first = scene.residents[0];

    // The grid worker, on a phone: the member is in today's list of tests, and in the ledger as a pool member.
    const grid = await app.open(PHONE);
    await app.signIn(grid, 'grid');
    await grid.goto(`${app.url}/today`);
    await grid.getByTestId('today-tests').getByText(maskName(first.name)).waitFor();
    await grid.goto(`${app.url}/screening`);
    await grid.getByTestId('episodes-summary').waitFor();
    const card = grid.getByTestId('episode-card').filter({ hasText: maskName(first.name) });
    await card.waitFor();
    expect(await card.innerText()).toContain('混管阳性人员');
    expect(await card.innerText()).toContain('管控中');
    expect(await grid.getByTestId('episode-card').filter({ hasText: '混管阳性人员' }).count()).toBe(10);

    // The grid worker adds a close contact of the second resident by hand: the plan shows before saving.
    await grid.getByRole('button', { name: '新增管控人员' }).click();
    const drawer = dialog(grid, '新增管控人员');
    await drawer.getByLabel('身份证号').fill(scene.residents[1].idNumber);
    await drawer.getByLabel('人员类别').click();
    await grid.locator('.ant-select-item-option').filter({ hasText: '密切接触者' }).click();
    await drawer.getByTestId('plan-preview').getByText('集中隔离医学观察').waitFor();
    const release = await drawer.getByTestId('plan-preview-release').innerText();
    expect(release).toMatch(/^解除日期 \d{4}-\d{2}-\d{2}$/);
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await grid.getByTestId('episode-name').filter({ hasText: maskName(scene.residents[1].name) }).waitFor();
    expect(await grid.getByTestId('episode-status').innerText()).toBe('管控中');
    expect(await grid.getByTestId('episode-test').count()).toBe(6);
    await signOut(grid);

    // The single-tube retest of the first member, and its negative result from the lab.
    const retest = 'E2E-EPI-RT-01';
    await call(scene.sampler, 'POST', '/testing/tubes', { barcode: retest, siteId: scene.siteId, purpose: 'retest' });
    await call(scene.sampler, 'POST', '/testing/scans', { id: ulid(), tubeBarcode: retest, siteId: scene.siteId, sampledAt: new Date().toISOString(),
      subject: { idNumber: first.idNumber }, purpose: 'retest', repeatReason: '混管阳性单管复核' });
    const tube = await call<{ status: string }>(scene.sampler, 'GET', `/testing/tubes/${retest}`);
    if (tube.status === 'open') await call(scene.sampler, 'POST', `/testing/tubes/${retest}/seal`, {});
    await postResults([{ barcode: retest, result: '阴性' }]);

    // The community cadre sees the release proposed and confirms it.
    const cadre = await app.open();
    await app.signIn(cadre, 'community');
    await cadre.locator('.shell-sider').getByRole('menuitem', { name: '管控人员' }).click();
    await cadre.getByRole('heading', { name: '管控人员台账' }).waitFor();
    await cadre.getByTestId('episode-search').locator('input').fill(first.name.slice(0, 1));
    await cadre.getByTestId('episode-search').locator('input').press('Enter');
    const row = cadre.locator('.ant-table-row').filter({ hasText: maskName(first.name) }).filter({ hasText: '混管阳性人员' });
    await row.getByText('待解除').waitFor();
    await row.getByRole('link', { name: maskName(first.name) }).click();
    await cadre.getByTestId('release-ready').waitFor();
    const test = cadre.getByTestId('episode-test');
    expect(await test.getAttribute('data-status')).toBe('negative');
    expect(await test.innerText()).toContain('实验室');
    await cadre.getByTestId('release-button').click();
    await cadre.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await cadre.getByTestId('released').waitFor();
    expect(await cadre.getByTestId('episode-status').innerText()).toBe('已解除');
  });

  it('takes an arrival\'s category from the risk zone they left, as its level was that day', { timeout: 90_000 }, async () => {
    const scene = await testingScene(app.url, '旅居演练');
    const page = await app.open();
    await app.signIn(page, 'commander');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '管控人员' }).click();
    await page.getByRole('button', { name: '新增管控人员' }).click();
    const drawer = dialog(page, '新增管控人员');
    await drawer.getByLabel('身份证号').fill(scene.residents[2].idNumber);
    await drawer.getByLabel('人员类别').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '低风险区旅居史' }).click();
    // The seeded zone on two buildings has been high for nine days: leaving it today makes a high-risk-zone arrival.
    await drawer.getByLabel('旅居的风险区').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasNotText: '甘河工业园' }).first().click();
    await drawer.getByText('离开当日该地的等级对应类别：高风险区旅居史').waitFor();
    await drawer.getByTestId('plan-preview').getByText('集中隔离医学观察').waitFor();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('episode-name').filter({ hasText: maskName(scene.residents[2].name) }).waitFor();
    const episodes = await call<{ items: { category: string; name: string }[] }>(scene.lead, 'GET', '/screening/episodes?category=HIGH_ZONE_TRAVEL');
    expect(episodes.items.some((e) => e.name === maskName(scene.residents[2].name))).toBe(true);
  });
});
