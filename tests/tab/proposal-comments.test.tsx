import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalCommentDto, ProposalCommentsDto } from '#shared/comment-api';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { CommentReportsPage } from '../../tab/src/pages/CommentReportsPage';
import { findDialog } from './dialogs';
import { history, pageHandler, proposal, referenceHandlers } from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

// The machine running the suite may be busy: wait up to 5 s for what the page shows next.
configure({ asyncUtilTimeout: 5000 });

const published = proposal(11, { isPublished: true });
const comment = (n: number, overrides: Partial<ProposalCommentDto> = {}): ProposalCommentDto => ({
  id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  proposalId: published.id,
  author: { id: `u${n}`, displayName: `職員 ${n}` },
  body: `コメント本文 ${n}`,
  createdAt: '2024-07-02T01:00:00Z',
  hidden: false,
  moderation: null,
  mine: false,
  reportedByMe: false,
  openReports: 0,
  ...overrides,
});

const renderDetail = (
  user: typeof staffUser,
  comments: ProposalCommentsDto,
  handlers: Record<string, ApiHandler> = {},
  target = published,
) => {
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(3),
    ...referenceHandlers,
    [`GET /api/proposals/${target.id}`]: () => target,
    [`GET /api/proposals/${target.id}/history`]: () => ({ items: history(target.id) }),
    [`GET /api/proposals/${target.id}/comments`]: () => comments,
    ...handlers,
  });
  renderPage(<ProposalsPage />, {
    api: fake.api,
    user,
    path: `/proposals/${target.id}`,
    route: '/proposals/:proposalId?',
  });
  return fake;
};

const section = () => screen.findByRole('region', { name: /^コメント/ });

describe('コメント in the proposal detail', () => {
  it('lists comments, hides a hidden one’s body, counts characters and posts', async () => {
    const { calls } = renderDetail(staffUser, {
      items: [comment(1), comment(2, { hidden: true, body: null, author: null })],
      total: 2,
      canModerate: false,
    });
    const comments = await section();
    await within(comments).findByText('コメント本文 1');
    within(comments).getByText('このコメントは推進室により非表示にされました');
    expect(within(comments).getByRole('heading').textContent).toBe('コメント（2件）');
    expect(within(comments).queryByRole('button', { name: '非表示にする' })).toBeNull();

    const box = within(comments).getByRole('textbox', { name: /コメントを書く/ });
    const send = within(comments).getByRole('button', { name: 'コメントする' });
    expect(send).toHaveProperty('disabled', true);
    fireEvent.change(box, { target: { value: 'あ'.repeat(1001) } });
    within(comments).getByText('1001 / 1000文字');
    within(comments).getByText('コメントは1000文字以内で入力してください。');
    expect(send).toHaveProperty('disabled', true);
    fireEvent.change(box, { target: { value: '  良い提案です😀  ' } });
    within(comments).getByText('7 / 1000文字');
    fireEvent.click(send);
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      path: `/api/proposals/${published.id}/comments`,
      options: { body: { body: '  良い提案です😀  ' } },
    });
  });

  it('reports a comment with a required reason', async () => {
    const { calls } = renderDetail(
      staffUser,
      { items: [comment(1)], total: 1, canModerate: false },
      {
        [`POST /api/comments/${comment(1).id}/report`]: () => comment(1, { reportedByMe: true }),
      },
    );
    const comments = await section();
    fireEvent.click(await within(comments).findByRole('button', { name: '通報' }));
    const dialog = await findDialog('コメントを通報する');
    fireEvent.click(within(dialog).getByRole('button', { name: '通報する' }));
    await within(dialog).findByText('通報の理由を入力してください。');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '中傷です' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '通報する' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')!.options?.body).toEqual({ reason: '中傷です' });
  });

  it('lets the office hide a comment with a reason and shows it the audit of a hidden one', async () => {
    const { calls } = renderDetail(
      officeUser,
      {
        items: [
          comment(1, { openReports: 2 }),
          comment(2, {
            hidden: true,
            body: null,
            moderation: {
              hiddenAt: '2024-07-03T01:00:00Z',
              reason: '中傷のため',
              hiddenBy: { id: officeUser.id, displayName: officeUser.displayName },
              body: '元の本文です',
            },
          }),
        ],
        total: 2,
        canModerate: true,
      },
      { [`POST /api/comments/${comment(1).id}/hide`]: () => comment(1, { hidden: true, body: null }) },
    );
    const comments = await section();
    await within(comments).findByText('通報 2件');
    within(comments).getByText(/非表示の理由: 中傷のため/);
    within(comments).getByText('元の本文です');
    fireEvent.click(within(comments).getAllByRole('button', { name: '非表示にする' })[0]!);
    const dialog = await findDialog('コメントを非表示にする');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '個人情報を含むため' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '非表示にする' }));
    await waitFor(() => expect(calls.some((call) => call.path.endsWith('/hide'))).toBe(true));
    expect(calls.find((call) => call.path.endsWith('/hide'))!.options?.body).toEqual({
      reason: '個人情報を含むため',
    });
  });

  it('has no comments on an unpublished proposal, and asks for none', async () => {
    const unpublished = proposal(12);
    const { calls } = renderDetail(staffUser, { items: [], total: 0, canModerate: false }, {}, unpublished);
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    await within(detail).findByRole('list', { name: '履歴' });
    expect(within(detail).queryByRole('region', { name: /^コメント/ })).toBeNull();
    expect(calls.some((call) => call.path.endsWith('/comments'))).toBe(false);
  });
});

describe('通報されたコメント', () => {
  it('lists reported comments with their reports for the office, and refuses staff', async () => {
    const fake = fakeApi({
      'GET /api/comment-reports': () => ({
        items: [
          {
            comment: comment(1, { openReports: 1 }),
            proposal: { id: published.id, number: published.number, title: published.title },
            reports: [
              {
                reporter: { id: 'u9', displayName: '職員 9' },
                reason: '不適切です',
                createdAt: '2024-07-02T02:00:00Z',
              },
            ],
            lastReportedAt: '2024-07-02T02:00:00Z',
          },
        ],
        total: 1,
      }),
      [`POST /api/comments/${comment(1).id}/reports/dismiss`]: () => comment(1),
    });
    renderPage(<CommentReportsPage />, { api: fake.api, user: officeUser });
    const item = await screen.findByRole('region', { name: `${published.number}へのコメントの通報` });
    within(item).getByText('不適切です');
    within(item).getByText('コメント本文 1');
    fireEvent.click(within(item).getByRole('button', { name: '問題なしとして対応済みにする' }));
    const dialog = await findDialog('通報を対応済みにする');
    fireEvent.click(within(dialog).getByRole('button', { name: '対応済みにする' }));
    await waitFor(() => expect(fake.calls.some((call) => call.path.endsWith('/dismiss'))).toBe(true));
    expect(fake.calls.find((call) => call.path.endsWith('/dismiss'))!.options?.body).toEqual({});
  });

  it('tells staff the page is the office’s, without asking the server', async () => {
    const fake = fakeApi({});
    renderPage(<CommentReportsPage />, { api: fake.api, user: staffUser });
    await screen.findByText('この画面は推進室・管理者のみが使えます');
    expect(fake.calls).toEqual([]);
  });
});
