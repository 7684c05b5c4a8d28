import { describe, expect, it } from 'vitest';
import { PHONE, useBrowserApp } from '../support/e2e.js';
import { apiSession, dialog, firstDescendants, pickRegion } from './helpers.js';

describe('the task inbox: assigned by the commander, done by the township', () => {
  const app = useBrowserApp();

  it('assigns an overdue task to a community; the township cadre starts and finishes it on a phone', { timeout: 60_000 }, async () => {
    const [township, community] = await firstDescendants(await apiSession(app.url, 'duoba'), 1);
    const title = `${community.name}全员核酸检测组织到位`;

    const commander = await app.open();
    await app.signIn(commander, 'commander');
    await commander.getByRole('heading', { name: '待办' }).waitFor();
    await commander.getByRole('button', { name: '派发任务' }).click();
    const form = dialog(commander, '派发任务');
    await form.getByLabel('任务内容').fill(title);
    await pickRegion(commander, form.getByLabel('责任区域'), ['湟中区', township.name, community.name]);
    await form.getByLabel('截止时间').fill('2022-09-05 18:00');
    await form.getByLabel('截止时间').press('Enter');
    await form.getByLabel('工作要求').fill('请各网格员逐户通知，独居老人上门采样');
    await form.getByRole('button', { name: '派发' }).click();
    await commander.getByText('任务已派发').waitFor();
    await commander.getByTestId('task-card').filter({ hasText: title }).waitFor();

    const cadre = await app.open(PHONE);
    await app.signIn(cadre, 'duoba');
    const card = cadre.getByTestId('task-card').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('task-overdue');
    expect(await card.innerText()).toContain('已超期');
    expect(await card.innerText()).toContain('截止 2022/09/05 18:00');
    expect(await card.innerText()).toContain(`${township.name} / ${community.name}`);

    await card.getByRole('button', { name: '开始办理' }).click();
    await card.getByText('办理中').waitFor();
    await card.getByRole('button', { name: '办结' }).click();
    const done = dialog(cadre, '办结');
    await done.getByLabel('办理情况').fill('已逐户通知，应检人数已上报');
    await done.locator('.ant-modal-footer').getByRole('button', { name: '办结' }).click();
    await expect.poll(() => card.count()).toBe(0);

    await cadre.getByText('已办结', { exact: true }).click();
    await cadre.getByTestId('task-card').filter({ hasText: title }).getByText('已办结').waitFor();
  });

  it('shows another township nothing of it', async () => {
    const page = await app.open();
    await app.signIn(page, 'lushaer');
    await page.getByText('暂无待办，辛苦了').waitFor();
  });
});
