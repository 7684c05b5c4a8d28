import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e.js';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { apiSession, dialog } from './helpers.js';
import { call } from './testing-setup.js';

const HOTEL = '多巴镇通海宾馆集中隔离点';

interface SiteView { id: string; name: string; capacity: number; occupied: number; free: number; forecast: { date: string; free: number }[] }

/** 隔离点 and 风险区: a township cadre places a person; the commander approves an eligible downgrade. */
describe('isolation', () => {
  const app = useBrowserApp();

  it('a cadre places a person into a site and sees occupancy and the forecast change', { timeout: 90_000 }, async () => {
    const duoba = await apiSession(app.url, 'duoba');
    const name = `隔离${'甲乙丙丁戊己庚辛'[Math.floor(Math.random() * 8)]}${'春夏秋冬'[Math.floor(Math.random() * 4)]}${'明亮'[Math.floor(Math.random() * 2)]}`;
    const idNumber = makeIdNumber('630122', '1985-03-12', 300 + Math.floor(Math.random() * 600));
    const person = await call<{ id: string }>(duoba, 'POST', '/people', { docNumber: idNumber, name, regionCode: '630106105001001', phone: '13912345678' });
    const sites = await call<{ items: SiteView[] }>(duoba, 'GET', '/isolation/sites');
    const before = sites.items.find((s) => s.name === HOTEL)!;
    expect(before.occupied).toBeGreaterThan(0);

    const page = await app.open();
    await app.signIn(page, 'duoba');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '隔离点' }).click();
    await page.getByRole('heading', { name: '隔离点', exact: true }).waitFor();
    const card = page.getByTestId('isolation-site').filter({ hasText: HOTEL });
    await card.getByText(`入住 ${before.occupied}/${before.capacity}`).waitFor();
    await page.getByTestId('forecast').waitFor();
    await card.getByRole('link', { name: HOTEL }).click();

    await page.getByRole('heading', { name: HOTEL }).waitFor();
    await page.getByTestId('room-201').waitFor();
    expect(await page.getByTestId('room-240').getAttribute('data-state')).toBe('free');
    await page.getByRole('button', { name: '安排入住' }).click();
    const modal = dialog(page, `安排入住：${HOTEL}`);
    await modal.getByLabel('人员（姓名或身份证号查询）').fill(idNumber);
    await page.locator('.ant-select-item-option').filter({ hasText: '630122' }).first().click();
    await modal.getByLabel('房间（可选，仅列出有空床的房间）').fill('240');
    await page.locator('.ant-select-item-option').filter({ hasText: /^240（1）$/ }).click();
    const release = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
    await modal.getByLabel('预计解除日期').fill(release);
    await modal.getByLabel('预计解除日期').press('Enter');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(`入住 ${HOTEL}`).waitFor();

    // The bar, the room and the forecast now count the person; their name shows masked.
    await page.getByTestId('occupancy').getByText(`入住 ${before.occupied + 1}/${before.capacity}`).waitFor();
    await page.getByTestId('room-240').and(page.locator('[data-state="full"]')).waitFor();
    const masked = `${name[0]}${"*".repeat(name.length - 2)}${name.slice(-1)}`;
    expect(await page.getByTestId('room-240').innerText()).toContain(masked);
    expect(await page.getByTestId('forecast-' + before.id + '-0').innerText()).toContain(String(before.free - 1));
    await page.getByTestId('placements').getByText(masked).waitFor();
    const after = (await call<{ items: SiteView[] }>(duoba, 'GET', '/isolation/sites')).items.find((s) => s.name === HOTEL)!;
    expect(after).toMatchObject({ occupied: before.occupied + 1, free: before.free - 1 });
    // The bed is free again from the expected release day on.
    const day = after.forecast.findIndex((d) => d.date === release);
    expect(after.forecast[day].free - before.forecast[day].free).toBe(0);
    expect(after.forecast[day - 1].free - before.forecast[day - 1].free).toBe(-1);
    const history = await call<{ status: string; roomLabel: string }[]>(duoba, 'GET', `/isolation/people/${person.id}/placements`);
    expect(history).toMatchObject([{ status: 'active', roomLabel: '240' }]);
  });

  it('the commander approves an eligible downgrade and sees it in the zone\'s history', { timeout: 90_000 }, async () => {
    const page = await app.open();
    await app.signIn(page, 'commander');
    await page.locator('.shell-sider').getByRole('menuitem', { name: '风险区' }).click();
    await page.getByRole('heading', { name: '风险区', exact: true }).waitFor();
    // The seeded high zone had a new infection six days ago: not yet eligible, and it says why.
    const high = page.getByTestId('zones-high').getByTestId('zone-card').first();
    await high.getByText('已连续 6 天无新增感染，需 7 天').waitFor();
    // The seeded zone came down to medium four days ago: three clean days after high make it eligible for low.
    const proposal = page.getByTestId('proposal').filter({ hasText: '甘河工业园' });
    await proposal.getByText('中风险区 → 低风险区').waitFor();
    await proposal.getByRole('button', { name: '批准' }).click();
    const modal = dialog(page, '批准降级');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await modal.getByText('此项必填').waitFor(); // a decision number is required
    await modal.getByLabel('文号').fill('湟防指〔2022〕88号');
    await modal.getByLabel('理由').fill('专家组研判同意');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已批准降级').waitFor();
    await page.getByTestId('proposals').getByText('暂无待审批的降级建议').waitFor();

    const zone = page.getByTestId('zones-low').getByTestId('zone-card').filter({ hasText: '甘河工业园' });
    await zone.waitFor();
    const timeline = zone.getByTestId('zone-history');
    const items = await timeline.locator('.ant-timeline-item').allInnerTexts();
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('划定 → 高风险区');
    expect(items[1]).toContain('降级 → 中风险区');
    expect(items[2]).toContain('降级 → 低风险区');
    expect(items[2]).toContain('湟防指〔2022〕88号');
    expect(await zone.innerText()).toContain('已是最低等级');
  });
});
