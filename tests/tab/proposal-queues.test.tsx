import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BulkHandlingDialog } from '../../tab/src/components/proposals-office/BulkHandlingDialog';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { findDialog } from './dialogs';
import {
  divisions,
  listQueries,
  pageHandler,
  proposal,
  proposalId,
  referenceHandlers,
} from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

configure({ asyncUtilTimeout: 5000 });

const queues = {
  items: [
    { key: 'unanswered', label: '未回答', count: 12 },
    { key: 'unassigned', label: '所管課未定', count: 0 },
    { key: 'revisit_due', label: '再検討時期が到来', count: 3 },
    { key: 'stale', label: '30日以上更新なし', count: 7 },
  ],
};

const renderList = (
  handlers: Record<string, ApiHandler> = {},
  { user = officeUser, path = '/proposals' } = {},
) => {
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(3),
    'GET /api/proposals/queues': () => queues,
    ...referenceHandlers,
    ...handlers,
  });
  renderPage(<ProposalsPage />, { api: fake.api, user, path, route: '/proposals/:proposalId?' });
  return fake;
};

describe('work queues on 提案一覧', () => {
  it('shows the office its queues with counts, and a queue’s list is asked of the server', async () => {
    const { calls } = renderList();
    const tabs = await screen.findByRole('tablist', { name: '作業キュー' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((tab) => tab.getAttribute('aria-label') ?? tab.textContent),
    ).toEqual(['すべて', '未回答 12件', '所管課未定 0件', '再検討時期が到来 3件', '30日以上更新なし 7件']);
    fireEvent.click(within(tabs).getByRole('tab', { name: '再検討時期が到来 3件' }));
    await waitFor(() => expect(listQueries(calls).at(-1)).toMatchObject({ queue: 'revisit_due', page: 1 }));
    expect(
      within(tabs).getByRole('tab', { name: '再検討時期が到来 3件' }).getAttribute('aria-selected'),
    ).toBe('true');
    fireEvent.click(within(tabs).getByRole('tab', { name: 'すべて' }));
    await waitFor(() => expect(listQueries(calls).at(-1)!.queue).toBeUndefined());
  });

  it('opens a queue from its link (the digest card’s) and shows staff no queues', async () => {
    const { calls } = renderList({}, { path: '/proposals?queue=unanswered' });
    await screen.findByRole('tablist', { name: '作業キュー' });
    // The tabs can show before the list is asked for (CI saw it once); the first list asked is the queue's.
    await waitFor(() => expect(listQueries(calls)[0]).toMatchObject({ queue: 'unanswered' }));

    const staff = renderList({ 'GET /api/proposals/queues': () => ({ items: [] }) }, { user: staffUser });
    await screen.findAllByRole('grid', { name: '提案一覧' });
    expect(staff.calls.some((call) => call.path === '/api/proposals/queues')).toBe(false);
    expect(screen.queryAllByRole('tablist', { name: '作業キュー' })).toHaveLength(1);
  });
});

describe('BulkHandlingDialog', () => {
  it('asks for a choice, then sends only what was chosen for the selection', async () => {
    const { api, calls } = fakeApi({
      'POST /api/proposals/bulk-handling': () => ({
        results: [
          { id: proposalId(1), ok: true, proposal: proposal(1) },
          { id: proposalId(2), ok: true, proposal: proposal(2) },
        ],
        succeeded: 2,
        failed: 0,
      }),
    });
    const items = [1, 2].map((n) => ({ id: proposalId(n), version: n }));
    renderPage(
      <BulkHandlingDialog open items={items} divisions={divisions} onClose={vi.fn()} onDone={vi.fn()} />,
      { api, user: officeUser },
    );
    const dialog = await findDialog('所管課・期間の一括設定');
    fireEvent.click(within(dialog).getByRole('button', { name: '2件に設定' }));
    expect(await within(dialog).findByText('変更する所管課か期間を選んでください。')).toBeTruthy();
    expect(calls).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(/^所管課/), { target: { value: divisions[1]!.id } });
    fireEvent.change(within(dialog).getByLabelText('期間'), { target: { value: 'none' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '2件に設定' }));
    await screen.findByRole('table', { name: '一括変更の結果' });
    expect(calls[0]!.options?.body).toEqual({
      items,
      responsibleDivisionId: divisions[1]!.id,
      horizon: null,
    });
  });
});
