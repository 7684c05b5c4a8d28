import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e.js';
import { signOut } from './helpers.js';
import { beijingTime, call, fillTube, maskName, testingScene } from './testing-setup.js';

/** The journey: a lab uploads a file with one positive tube; the pool incident appears with its ten members. */
describe('lab results and positive pools', () => {
  const app = useBrowserApp();

  it('a lab signs for the bag, uploads one positive 10-in-1 tube, and the township sees the pool with its ten members', { timeout: 120_000 }, async () => {
    const scene = await testingScene(app.url, '阳性演练');
    const tube = 'E2E-POS-000001';
    const bag = 'E2E-BAG-000001';
    await fillTube(scene, tube, scene.residents);
    const sealed = await call<{ status: string; memberCount: number; capacity: number }>(scene.sampler, 'GET', `/testing/tubes/${tube}`);
    expect(sealed).toMatchObject({ status: 'sealed', memberCount: 10, capacity: 10 });
    await call(scene.sampler, 'POST', '/testing/bags', { barcode: bag, siteId: scene.siteId, labId: scene.labId, tubes: [tube] });
    await call(scene.sampler, 'POST', '/testing/bags/handover', { barcode: bag, carrier: '转运专班 韩师傅', count: 1 });

    const lab = await app.open();
    await app.signIn(lab, 'lab');
    await lab.locator('.shell-sider').getByRole('menuitem', { name: '检测结果' }).click();
    await lab.getByRole('heading', { name: '检测结果' }).waitFor();

    // The bag at the lab's door: scanned, counted, signed for.
    const receive = lab.getByTestId('receive-bag');
    await receive.getByLabel('样本袋条码').fill(bag);
    await receive.getByLabel('样本袋条码').press('Enter');
    await lab.keyboard.type('1');
    await receive.getByRole('button', { name: '签收' }).click();
    await receive.getByText(`已签收样本袋 ${bag}`).waitFor();
    await lab.locator('.ant-table-row').filter({ hasText: bag }).waitFor();

    const sheet = `\uFEFF试管条码,检测结果,N基因Ct值,ORF1ab基因Ct值,报告时间\r\n${tube},阳性,28.5,30.1,${beijingTime(5)}\r\n`;
    await lab.getByTestId('upload-results').locator('input[type=file]')
      .setInputFiles({ name: '检测结果.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') });
    const success = lab.getByTestId('results-success');
    await success.waitFor({ timeout: 30_000 });
    const figure = (title: string) => success.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
    expect(await figure('新记录').innerText()).toBe('1');
    expect(await figure('阳性').innerText()).toBe('1');
    await success.getByRole('alert').getByText('发现 1 管阳性，已生成 1 个阳性混管事件，请立即处置').waitFor();

    // The same file again records nothing new.
    await success.getByRole('button', { name: '继续上传' }).click();
    await lab.getByTestId('upload-results').locator('input[type=file]')
      .setInputFiles({ name: '检测结果.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') });
    await lab.getByTestId('results-success').waitFor({ timeout: 30_000 });
    expect(await figure('新记录').innerText()).toBe('0');
    expect(await figure('已存在（未变）').innerText()).toBe('1');
    await signOut(lab);

    // The township sees the pool: ten members, masked, where they live, and the clocks running.
    const cadre = await app.open();
    await app.signIn(cadre, 'duoba');
    await cadre.locator('.shell-sider').getByRole('menuitem', { name: '阳性混管' }).click();
    const card = cadre.getByTestId('incident-card').filter({ hasText: tube });
    await card.waitFor();
    expect(await card.innerText()).toContain('10 人');
    expect(await card.innerText()).toContain('待通知');
    expect(await card.locator('[data-clock="notify"]').innerText()).toMatch(/^通知 剩余 (\d+分钟|1小时00分)$/);
    expect(await card.getAttribute('data-breached')).toBe('false');

    await card.getByRole('button', { name: '查看人员' }).click();
    const detail = cadre.getByTestId('incident-detail');
    await detail.waitFor();
    const members = detail.getByTestId('incident-member');
    await expect.poll(() => members.count()).toBe(10);
    const texts = await members.allInnerTexts();
    for (const r of scene.residents) {
      const mine = texts.filter((t) => t.includes(r.address));
      expect(mine, r.address).toHaveLength(1);
      expect(mine[0]).toContain(maskName(r.name));
      expect(mine[0]).not.toContain(r.name);
      expect(mine[0]).toContain(`${r.phone.slice(0, 3)}****${r.phone.slice(7)}`);
      expect(mine[0]).toContain(scene.grid.name);
      expect(mine[0]).toContain('待单采');
    }

    await cadre.getByRole('button', { name: '标记已通知' }).click();
    const modal = cadre.locator('.ant-modal').filter({ hasText: '确认管内人员均已接到通知' });
    await modal.getByLabel('备注（可选）').fill('已电话通知10人，均原地管控');
    await modal.getByRole('button', { name: '标记已通知' }).click();
    await cadre.getByText('已标记为已通知').waitFor();
    await detail.getByText('已通知，待单采').waitFor();
    await card.getByText('已通知，待单采').waitFor();
  });
});
