import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalDraftDto } from '#shared/tab-api';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { divisions, history, pageHandler, proposal, referenceHandlers } from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

// The machine running the suite may be busy: wait up to 5 s for what the page shows next.
configure({ asyncUtilTimeout: 5000 });

const division = divisions[0]!;
const liaison = { ...staffUser, liaisonDivisionIds: [division.id] };
const assigned = proposal(7, { responsibleDivision: division, version: 3 });

const renderDetail = (user: typeof staffUser, handlers: Record<string, ApiHandler> = {}) => {
  let draft: ProposalDraftDto | null = null;
  let current: ProposalDto = assigned;
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(3),
    ...referenceHandlers,
    [`GET /api/proposals/${assigned.id}`]: () => current,
    [`GET /api/proposals/${assigned.id}/history`]: () => ({ items: history(assigned.id) }),
    [`GET /api/proposals/${assigned.id}/draft`]: () => ({ draft }),
    [`PUT /api/proposals/${assigned.id}/draft`]: (call) => {
      const body = call.options?.body as { status: ProposalDraftDto['status']; answer: string | null };
      draft = {
        ...body,
        author: { id: user.id, displayName: user.displayName },
        updatedAt: '2024-07-02T01:00:00Z',
      };
      return { draft };
    },
    [`POST /api/proposals/${assigned.id}/draft/approve`]: () => {
      current = { ...current, status: draft!.status ?? current.status, answer: draft!.answer, version: 4 };
      draft = null;
      return current;
    },
    [`POST /api/proposals/${assigned.id}/notes`]: () => ({ id: 9 }),
    [`PATCH /api/proposals/${assigned.id}/handling`]: () => current,
    ...handlers,
  });
  renderPage(<ProposalsPage />, {
    api: fake.api,
    user,
    path: `/proposals/${assigned.id}`,
    route: '/proposals/:proposalId?',
  });
  return fake;
};

const internalWork = () => screen.findByRole('region', { name: /所管課・推進室の作業/ });

describe('所管課・推進室の作業 in the detail', () => {
  it('is not shown to staff who are not the 所管課 liaison', async () => {
    renderDetail(staffUser);
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    await within(detail).findByRole('list', { name: '履歴' });
    expect(within(detail).queryByRole('region', { name: /所管課・推進室の作業/ })).toBeNull();
  });

  it('lets the liaison leave a note, draft the answer and set the plan, without approving', async () => {
    const { calls } = renderDetail(liaison);
    const work = await internalWork();
    expect(within(work).queryByRole('button', { name: /承認/ })).toBeNull();

    fireEvent.change(within(work).getByRole('textbox', { name: '内部メモを追加' }), {
      target: { value: '車両管理システムの更新が来年度' },
    });
    fireEvent.click(within(work).getByRole('button', { name: 'メモを残す' }));
    await waitFor(() =>
      expect(calls.some((call) => call.method === 'POST' && call.path.endsWith('/notes'))).toBe(true),
    );
    expect(calls.find((call) => call.path.endsWith('/notes'))!.options?.body).toEqual({
      body: '車両管理システムの更新が来年度',
    });

    fireEvent.change(within(work).getByRole('combobox', { name: '状態の案' }), {
      target: { value: 'under_consideration' },
    });
    fireEvent.change(within(work).getByRole('textbox', { name: '回答案' }), {
      target: { value: '検討します。' },
    });
    fireEvent.click(within(work).getByRole('button', { name: '回答案を保存' }));
    expect(await within(work).findByText('検討します。')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PUT')!.options?.body).toEqual({
      status: 'under_consideration',
      answer: '検討します。',
    });
    // Still no approval for a liaison, even with a draft waiting.
    expect(within(work).queryByRole('button', { name: /承認/ })).toBeNull();

    fireEvent.change(within(work).getByRole('combobox', { name: '期間' }), { target: { value: 'short' } });
    fireEvent.change(within(work).getByLabelText('実現目標日'), { target: { value: '2025-03-31' } });
    fireEvent.click(within(work).getByRole('button', { name: '期間・目標日を保存' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')!.options?.body).toEqual({
      version: 3,
      horizon: 'short',
      targetOn: '2025-03-31',
    });
  }, 45_000);

  it('lets the office approve a waiting draft, signed, with the version shown', async () => {
    const { calls } = renderDetail(officeUser, {
      [`GET /api/proposals/${assigned.id}/draft`]: () => ({
        draft: {
          status: 'settled',
          answer: '来年度から実施します。',
          author: { id: 'x', displayName: '下関 次郎' },
          updatedAt: '2024-07-02T01:00:00Z',
        },
      }),
    });
    const work = await internalWork();
    expect(await within(work).findByText('来年度から実施します。')).toBeTruthy();
    expect(work.textContent).toContain('下関 次郎');
    expect(work.textContent).toContain('状態の案: 実現見込み');
    fireEvent.click(within(work).getByRole('checkbox', { name: '回答に氏名を署名する' }));
    fireEvent.click(within(work).getByRole('button', { name: '回答案を承認して提案者に伝える' }));
    await waitFor(() => expect(calls.some((call) => call.path.endsWith('/draft/approve'))).toBe(true));
    expect(calls.find((call) => call.path.endsWith('/draft/approve'))!.options?.body).toEqual({
      version: 3,
      signAnswer: true,
    });
  }, 45_000);
});
