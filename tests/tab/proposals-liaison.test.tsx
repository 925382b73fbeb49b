import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUserDto, ProposalDraftResultDto } from '#shared/tab-api';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import {
  divisions,
  history,
  listQueries,
  pageHandler,
  proposal,
  referenceHandlers,
} from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

configure({ asyncUtilTimeout: 5000 });

/** A staff member who is the liaison (所管課担当) of デジタル政策課. */
const liaisonUser: CurrentUserDto = { ...staffUser, liaisonDivisionIds: [divisions[0]!.id] };

const queues = {
  items: [
    { key: 'my_division', label: '自分の課', count: 4 },
    { key: 'awaiting_division', label: '所管課の回答待ち', count: 2 },
  ],
};

const renderList = (handlers: Record<string, ApiHandler> = {}, path = '/proposals', user = liaisonUser) => {
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(3),
    'GET /api/proposals/queues': () => queues,
    ...referenceHandlers,
    ...handlers,
  });
  renderPage(<ProposalsPage />, { api: fake.api, user, path, route: '/proposals/:proposalId?' });
  return fake;
};

describe('提案一覧 for a 所管課 liaison', () => {
  it('starts in 自分の課 with the liaison’s queues, and 「すべて」 stays all', async () => {
    const { calls } = renderList();
    const tabs = await screen.findByRole('tablist', { name: '作業キュー' });
    // (「すべて」 has no count: its name is its text.)
    expect(within(tabs).getByRole('tab', { name: 'すべて' })).toBeTruthy();
    expect(
      within(tabs)
        .getAllByRole('tab')
        .slice(1)
        .map((tab) => tab.getAttribute('aria-label')),
    ).toEqual(['自分の課 4件', '所管課の回答待ち 2件']);
    await waitFor(() => expect(listQueries(calls).at(-1)).toMatchObject({ queue: 'my_division' }));
    expect(within(tabs).getByRole('tab', { name: '自分の課 4件' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    fireEvent.click(within(tabs).getByRole('tab', { name: 'すべて' }));
    await waitFor(() => expect(listQueries(calls).at(-1)!.queue).toBeUndefined());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listQueries(calls).at(-1)!.queue).toBeUndefined();
  });

  it('adds an internal note and saves a draft of the answer from the detail', async () => {
    const current = proposal(10, { responsibleDivision: divisions[0]!, isPublished: false });
    let draft: ProposalDraftResultDto = { draft: null };
    const { calls } = renderList(
      {
        [`GET /api/proposals/${current.id}`]: () => current,
        [`GET /api/proposals/${current.id}/history`]: () => ({ items: history(current.id) }),
        [`GET /api/proposals/${current.id}/draft`]: () => draft,
        [`POST /api/proposals/${current.id}/notes`]: () => ({ id: 1 }),
        [`PUT /api/proposals/${current.id}/draft`]: (call) => {
          const body = call.options?.body as { status?: 'under_consideration'; answer: string };
          draft = {
            draft: {
              status: body.status ?? null,
              answer: body.answer,
              author: { id: liaisonUser.id, displayName: liaisonUser.displayName },
              updatedAt: '2024-06-20T01:00:00.000Z',
            },
          };
          return draft;
        },
      },
      `/proposals/${current.id}?queue=my_division`,
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    const work = await within(detail).findByRole('region', { name: '所管課の作業（デジタル政策課）' });
    fireEvent.change(within(work).getByLabelText('内部メモ'), {
      target: { value: '来年度のシステム更新で対応できる' },
    });
    fireEvent.click(within(work).getByRole('button', { name: 'メモを追加' }));
    expect(await screen.findByText('内部メモを追加しました。', { selector: '.fui-ToastTitle' })).toBeTruthy();

    fireEvent.change(within(work).getByLabelText('回答案の状態'), {
      target: { value: 'under_consideration' },
    });
    fireEvent.change(within(work).getByLabelText('回答案'), {
      target: { value: '更新に合わせて検討します。' },
    });
    fireEvent.click(within(work).getByRole('button', { name: '回答案を保存' }));
    expect(await within(work).findByText(/推進室の承認待ち/)).toBeTruthy();
    expect(
      calls.filter((call) => call.method !== 'GET').map((call) => [call.method, call.options?.body]),
    ).toEqual([
      ['POST', { body: '来年度のシステム更新で対応できる' }],
      ['PUT', { status: 'under_consideration', answer: '更新に合わせて検討します。' }],
    ]);
  });

  it('shows no liaison work on a proposal of another division', async () => {
    const current = proposal(11, { responsibleDivision: divisions[1]!, isPublished: true });
    renderList(
      {
        [`GET /api/proposals/${current.id}`]: () => current,
        [`GET /api/proposals/${current.id}/history`]: () => ({ items: history(current.id) }),
      },
      `/proposals/${current.id}`,
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    await within(detail).findByText(current.number);
    expect(within(detail).queryByRole('region', { name: /所管課の作業/ })).toBeNull();
  });
});

describe('a draft waiting for the office', () => {
  it('shows the office the liaison’s draft and approves it with the version shown', async () => {
    let current = proposal(12, { responsibleDivision: divisions[0]!, version: 3 });
    let draft: ProposalDraftResultDto = {
      draft: {
        status: 'settled',
        answer: '来年度に実施します。',
        author: { id: liaisonUser.id, displayName: liaisonUser.displayName },
        updatedAt: '2024-06-20T01:00:00.000Z',
      },
    };
    const { calls } = renderList(
      {
        [`GET /api/proposals/${current.id}`]: () => current,
        [`GET /api/proposals/${current.id}/history`]: () => ({ items: history(current.id) }),
        [`GET /api/proposals/${current.id}/draft`]: () => draft,
        [`POST /api/proposals/${current.id}/draft/approve`]: () => {
          current = { ...current, version: 4, status: 'settled', answer: '来年度に実施します。' };
          draft = { draft: null };
          return current;
        },
      },
      `/proposals/${current.id}?queue=awaiting_approval`,
      officeUser,
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    const waiting = await within(detail).findByRole('region', {
      name: `承認待ちの回答案（${liaisonUser.displayName}）`,
    });
    expect(within(waiting).getByText('状態：実現見込み')).toBeTruthy();
    fireEvent.click(within(waiting).getByRole('button', { name: '承認して提案者に伝える' }));
    expect(
      await screen.findByText('回答案を承認しました。提案者に通知します。', { selector: '.fui-ToastTitle' }),
    ).toBeTruthy();
    await waitFor(() =>
      expect(within(detail).queryByRole('region', { name: /承認待ちの回答案/ })).toBeNull(),
    );
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.options?.body)).toEqual([
      { version: 3 },
    ]);
  });
});
