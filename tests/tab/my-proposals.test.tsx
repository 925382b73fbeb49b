import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamsHost } from '../../tab/src/teams/teams-host';
import { MyProposalsPage } from '../../tab/src/pages/MyProposalsPage';
import {
  history,
  listQueries,
  pageHandler,
  proposal,
  proposerHistory,
  referenceHandlers,
} from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

// The machine running the suite may be busy: wait up to 5 s for what the page shows next.
configure({ asyncUtilTimeout: 5000 });

const teamsAppId = '00000000-0000-4000-8000-0000000a9900';
const botChat = `https://teams.microsoft.com/l/entity/${teamsAppId}/conversations`;

const mine = [
  proposal(11, {
    status: 'under_consideration',
    answer: '関係課と調整のうえ、来年度の実施に向けて検討しています。詳しい日程は追ってお知らせします。',
  }),
  // Co-proposed by the signed-in user: marked 共同提案.
  proposal(12, {
    status: 'realised',
    answer: '実現しました。',
    isPublished: true,
    coProposers: [{ id: staffUser.id, displayName: staffUser.displayName }],
  }),
  proposal(13),
];

const renderMine = (
  handlers: Record<string, ApiHandler> = {},
  { user = staffUser, session = {} as Parameters<typeof renderPage>[1]['session'] } = {},
) => {
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(mine.length, (n) => mine[n - 1]!),
    ...referenceHandlers,
    ...handlers,
  });
  renderPage(<MyProposalsPage />, {
    api: fake.api,
    user,
    path: '/my',
    route: '/my',
    session: { config: { authMode: 'entra', teamsAppId }, ...session },
  });
  return fake;
};

afterEach(() => vi.restoreAllMocks());

describe('マイ提案', () => {
  it('lists the signed-in user’s own and co-proposed proposals with status and answer', async () => {
    const { calls } = renderMine();
    expect(screen.getByRole('heading', { level: 1, name: 'マイ提案' })).toBeTruthy();
    const grid = await screen.findByRole('grid', { name: 'マイ提案' });
    expect(listQueries(calls)[0]).toMatchObject({ mine: 'true', page: 1, pageSize: 20 });
    const rows = within(grid).getAllByRole('row').slice(1);
    // A long answer is cut to 40 characters in the list (the detail shows all of it).
    expect(rows.map((row) => row.textContent)).toEqual([
      'R6-0011提案11の件名検討中非公開関係課と調整のうえ、来年度の実施に向けて検討しています。詳しい日程は追ってお知ら…2024年6月3日',
      'R6-0012提案12の件名共同提案実現完了実現しました。2024年6月3日',
      'R6-0013提案13の件名受付非公開（未回答）2024年6月3日',
    ]);
    expect(screen.getByText('全 3 件中 1–3 件')).toBeTruthy();
  });

  it('says there are none yet, and how to send one', async () => {
    renderMine({ 'GET /api/proposals': pageHandler(0) });
    expect(await screen.findByText('まだ提案はありません')).toBeTruthy();
    expect(screen.getByText(/ボットとのチャットから提案できます/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '新しい提案を送る' })).toBeTruthy();
  });

  it('opens a proposal with its answer and history, without office actions for staff', async () => {
    const current = mine[0]!;
    renderMine({
      [`GET /api/proposals/${current.id}`]: () => current,
      [`GET /api/proposals/${current.id}/history`]: () => ({ items: proposerHistory(current.id) }),
    });
    const grid = await screen.findByRole('grid', { name: 'マイ提案' });
    fireEvent.click(within(grid).getAllByRole('row')[1]!);
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    expect(await within(detail).findByRole('heading', { name: '提案11の件名' })).toBeTruthy();
    expect(detail.textContent).toContain('関係課と調整のうえ、来年度の実施に向けて検討しています。');
    const timeline = await within(detail).findByRole('list', { name: '履歴' });
    const entries = within(timeline).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    // An unsigned change by the office: 「推進室」, no name, no internal note.
    expect(entries[1]!.textContent).toContain('推進室・');
    expect(timeline.textContent).not.toContain('萩原');
    expect(timeline.textContent).not.toContain('内部メモ');
    expect(within(detail).queryByRole('button', { name: '状態を変更' })).toBeNull();

    fireEvent.click(within(detail).getByRole('button', { name: /閉じる|一覧に戻る/ }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '提案の詳細' })).toBeNull());
  });

  it('gives the office its actions in the detail here too', async () => {
    const current = mine[2]!;
    renderMine(
      {
        [`GET /api/proposals/${current.id}`]: () => current,
        [`GET /api/proposals/${current.id}/history`]: () => ({ items: history(current.id) }),
      },
      { user: officeUser },
    );
    const grid = await screen.findByRole('grid', { name: 'マイ提案' });
    fireEvent.keyDown(within(grid).getAllByRole('row')[3]!, { key: 'Enter' });
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    expect(await within(detail).findByRole('button', { name: '状態を変更' })).toBeTruthy();
  });

  it('opens the bot’s chat in a new window outside Teams', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderMine();
    fireEvent.click(await screen.findByRole('button', { name: '新しい提案を送る' }));
    expect(open).toHaveBeenCalledWith(botChat, '_blank', 'noopener,noreferrer');
  });

  it('opens the bot’s chat through Teams inside Teams', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const openLink = vi.fn<TeamsHost['openLink']>().mockResolvedValue(undefined);
    renderMine({}, { session: { teams: { openLink, hostName: 'Teams' } as unknown as TeamsHost } });
    fireEvent.click(await screen.findByRole('button', { name: '新しい提案を送る' }));
    expect(openLink).toHaveBeenCalledWith(botChat);
    expect(open).not.toHaveBeenCalled();
  });

  it.each(['Outlook', 'Office'])(
    'offers no Teams-only link when %s hosts the tab, only where to write instead',
    async (hostName) => {
      const openLink = vi.fn<TeamsHost['openLink']>().mockResolvedValue(undefined);
      renderMine({}, { session: { teams: { openLink, hostName } as unknown as TeamsHost } });
      expect(
        await screen.findByText('新しい提案は、Teams の「職員提案」アプリのチャットから送れます。'),
      ).toBeTruthy();
      expect(screen.queryByRole('button', { name: '新しい提案を送る' })).toBeNull();
      expect(openLink).not.toHaveBeenCalled();
    },
  );

  it('tells why the chat cannot be opened when no bot is configured', async () => {
    renderMine({}, { session: { config: { authMode: 'development' } } });
    const button = await screen.findByRole('button', { name: '新しい提案を送る' });
    expect(button).toHaveProperty('disabled', true);
    expect(screen.getByText('ボットが設定されていないため、この環境ではチャットを開けません。')).toBeTruthy();
  });
});
