import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared/proposal';
import type { ItemsDto, ProposalHistoryEntryDto } from '#shared/tab-api';
import {
  callApi,
  choose,
  collectPageErrors,
  developmentToken,
  fieldLabel,
  newContext,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';
import { findProposal, openProposalFromList, openProposalsPage } from './support/proposals-page';

const env = e2eEnvironment();

describe.skipIf(env.skipReason)('提案一覧 by role', () => {
  const holder = useBrowser();

  it('an office member (萩原 健一) changes a status with an answer and sees it in the history', async () => {
    const token = await developmentToken('萩原 健一');
    // 受付 → 検討中 stays in the plan's 検討中等 group, so the dashboard's figures hold in any file order.
    const proposal = await findProposal(token, 'status=received');
    const answer = `E2E: 担当課と検討を始めました（${proposal.number}）`;

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '萩原 健一');
    await openProposalsPage(page);
    const detail = await openProposalFromList(page, proposal.number);
    const history = detail.getByRole('list', { name: '履歴' });
    await history.waitFor();
    const entriesBefore = await history.getByRole('listitem').count();
    await screenshot(page, 'proposals-office-detail');

    await detail.getByRole('button', { name: '状態を変更' }).click();
    const save = page.getByRole('button', { name: '保存', exact: true });
    await save.waitFor();
    // The form is a dialog of its own, or inline in the detail panel.
    const dialogs = page.getByRole('dialog').filter({ has: save });
    const form = (await dialogs.count()) > 0 ? dialogs.first() : detail;
    await choose(form, '状態', '検討中');
    await form.getByLabel(fieldLabel('回答')).fill(answer);
    await screenshot(page, 'proposals-office-status-form');
    await save.click();

    await expect.poll(() => history.getByRole('listitem').count()).toBeGreaterThan(entriesBefore);
    await history.getByText('検討中').first().waitFor();
    await history.scrollIntoViewIfNeeded();
    await screenshot(detail, 'proposals-office-history');

    // The server agrees: new status and answer, one more history entry by 萩原 健一.
    const after = (await (
      await callApi(token, 'GET', `/api/proposals/${proposal.id}`)
    ).json()) as ProposalDto;
    expect(after.status).toBe('under_consideration');
    expect(after.answer).toBe(answer);
    const entries = (
      (await (
        await callApi(token, 'GET', `/api/proposals/${proposal.id}/history`)
      ).json()) as ItemsDto<ProposalHistoryEntryDto>
    ).items;
    expect(entries.at(-1)).toMatchObject({
      actorName: '萩原 健一',
      changes: { status: { from: 'received', to: 'under_consideration' } },
    });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a staff member (山口 太郎) opens a proposal without triage actions; the API refuses a change (403)', async () => {
    const token = await developmentToken('山口 太郎');
    const proposal = await findProposal(token);

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎');
    await openProposalsPage(page);
    const detail = await openProposalFromList(page, proposal.number);
    await detail.getByRole('list', { name: '履歴' }).waitFor();
    await screenshot(page, 'proposals-staff-detail');
    await expect(page.getByRole('button', { name: '状態を変更' }).count()).resolves.toBe(0);

    const response = await callApi(token, 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      status: 'under_consideration',
      answer: '職員による変更（拒否されるはず）',
    });
    expect(response.status).toBe(403);
    const unchanged = (await (
      await callApi(token, 'GET', `/api/proposals/${proposal.id}`)
    ).json()) as ProposalDto;
    expect(unchanged.version).toBe(proposal.version);

    expect(errors).toEqual([]);
    await context.close();
  });
});
