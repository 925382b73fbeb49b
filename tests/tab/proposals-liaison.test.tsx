import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUserDto } from '#shared/tab-api';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { divisions, listQueries, pageHandler, referenceHandlers } from './proposals-fixture';
import { fakeApi, renderPage, staffUser, type ApiHandler } from './render';

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
});
