import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared/proposal';
import { MyProposalsPage } from '../../tab/src/pages/MyProposalsPage';
import { findDialog } from './dialogs';
import { history, pageHandler, proposal, referenceHandlers } from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

configure({ asyncUtilTimeout: 5000 });

/** One proposal of the user's, opened in マイ提案's detail; the PATCH / POST answers update it. */
const renderOwn = (initial: ProposalDto, user = staffUser) => {
  let current = initial;
  const update = (patch: Partial<ProposalDto>): ProposalDto => {
    current = { ...current, ...patch, version: current.version + 1 };
    return current;
  };
  const handlers: Record<string, ApiHandler> = {
    'GET /api/proposals': pageHandler(1, () => current),
    [`GET /api/proposals/${initial.id}`]: () => current,
    [`GET /api/proposals/${initial.id}/history`]: () => ({ items: history(initial.id) }),
    [`PATCH /api/proposals/${initial.id}/content`]: (call) =>
      update(call.options?.body as Partial<ProposalDto>),
    [`POST /api/proposals/${initial.id}/withdraw`]: () => update({ status: 'withdrawn' }),
    ...referenceHandlers,
  };
  const fake = fakeApi(handlers);
  renderPage(<MyProposalsPage />, { api: fake.api, user, path: `/my?proposal=${initial.id}`, route: '/my' });
  return fake;
};

const detail = () => screen.findByRole('region', { name: '提案の詳細' });
const sent = (calls: ReturnType<typeof fakeApi>['calls'], method: string) =>
  calls.filter((call) => call.method === method).map((call) => call.options?.body);

describe('the proposer corrects and withdraws from マイ提案', () => {
  const own = (overrides: Partial<ProposalDto> = {}) =>
    proposal(21, {
      proposer: { id: staffUser.id, displayName: staffUser.displayName },
      version: 4,
      ...overrides,
    });

  it('corrects title and body while 受付, sent with the version shown', async () => {
    const { calls } = renderOwn(own());
    const panel = await detail();
    fireEvent.click(await within(panel).findByRole('button', { name: '内容を修正' }));
    const dialog = await findDialog('提案の内容を修正');
    fireEvent.change(within(dialog).getByLabelText(/^件名/), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '修正を保存' }));
    expect(await within(dialog).findByText('件名を入力してください。')).toBeTruthy();
    expect(sent(calls, 'PATCH')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText(/^件名/), {
      target: { value: '会議資料の完全ペーパレス化' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '修正を保存' }));
    expect(await screen.findByText('内容を修正しました。', { selector: '.fui-ToastTitle' })).toBeTruthy();
    expect(sent(calls, 'PATCH')).toEqual([
      { version: 4, title: '会議資料の完全ペーパレス化', body: '提案21の本文です。', category: 'paperless' },
    ]);
  });

  it('withdraws with an optional comment; nothing to correct once the office started', async () => {
    const { calls } = renderOwn(own({ status: 'under_consideration' }));
    const panel = await detail();
    await within(panel).findByRole('button', { name: '取り下げる' });
    expect(within(panel).queryByRole('button', { name: '内容を修正' })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: '取り下げる' }));
    const dialog = await findDialog('この提案を取り下げる');
    expect(dialog.textContent).toContain('推進室に通知されます。');
    fireEvent.click(within(dialog).getByRole('button', { name: '取り下げる' }));
    expect(await screen.findByText('提案を取り下げました。', { selector: '.fui-ToastTitle' })).toBeTruthy();
    expect(sent(calls, 'POST')).toEqual([{ version: 4 }]);
    await waitFor(() => expect(within(panel).queryByRole('button', { name: '取り下げる' })).toBeNull());
  });

  it('lets the office withdraw another’s proposal on their behalf, with a reason only', async () => {
    const { calls } = renderOwn(proposal(22, { version: 2 }), officeUser);
    const panel = await detail();
    fireEvent.click(await within(panel).findByRole('button', { name: '代理で取下げ' }));
    const dialog = await findDialog('提案者に代わって取り下げる');
    fireEvent.click(within(dialog).getByRole('button', { name: '取り下げる' }));
    expect(await within(dialog).findByText('理由を入力してください。')).toBeTruthy();
    expect(sent(calls, 'POST')).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText(/^理由/), { target: { value: '提案者からの申出' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '取り下げる' }));
    await screen.findByText('提案を取り下げました。', { selector: '.fui-ToastTitle' });
    expect(sent(calls, 'POST')).toEqual([{ version: 2, comment: '提案者からの申出' }]);
  });
});
