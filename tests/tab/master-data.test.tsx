import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MasterDataChangeDto, ProposalCategoryDto } from '#shared/master-data';
import type { StampKind } from '#shared/stamp-kind';
import { MasterDataPage } from '../../tab/src/pages/MasterDataPage';
import { findDialog } from './dialogs';
import { apiError, fakeApi, officeUser, renderPage, staffUser } from './render';

const categories: ProposalCategoryDto[] = [
  { code: 'paperless', label: 'ペーパレス化', isActive: true, sortOrder: 10 },
  { code: 'digital', label: 'デジタル・ＤＸ', isActive: true, sortOrder: 20 },
  { code: 'stamps', label: '押印の見直し', isActive: false, sortOrder: 30 },
];
const kinds: StampKind[] = [
  {
    code: 'thanks',
    label: 'ありがとう',
    emoji: '🙏',
    purpose: 'appreciation',
    isActive: true,
    sortOrder: 10,
  },
  {
    code: 'one-on-one',
    label: '1on1しませんか',
    emoji: '💬',
    purpose: 'one_on_one',
    isActive: true,
    sortOrder: 20,
  },
];
const change: MasterDataChangeDto = {
  id: 1,
  entityKey: 'stamps',
  action: 'retire',
  actor: { id: officeUser.id, displayName: officeUser.displayName },
  before: { label: '押印の見直し', isActive: true },
  after: { label: '押印の見直し', isActive: false },
  createdAt: '2026-06-01T01:00:00.000Z',
};

const handlers = () => ({
  'GET /api/categories': () => ({ items: categories }),
  'GET /api/master-data/stamp-kinds': () => ({ items: kinds }),
  'GET /api/master-data/changes': (call: { options?: { query?: Record<string, unknown> } }) => ({
    items: call.options?.query?.entity === 'category' ? [change] : [],
  }),
});

describe('分類・スタンプ page', () => {
  it('lists both lists in order with their state and history', async () => {
    const { api } = fakeApi(handlers());
    renderPage(<MasterDataPage />, { api, user: officeUser });
    const table = await screen.findByRole('table', { name: '分類' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      'ペーパレス化',
      'デジタル・ＤＸ',
      '押印の見直し',
    ]);
    expect(within(rows[2]!).getByText('廃止')).toBeTruthy();
    expect(within(rows[2]!).getByRole('button', { name: '「押印の見直し」を再開' })).toBeTruthy();
    expect(
      within(rows[0]!).getByRole('button', { name: '「ペーパレス化」を上へ' }).hasAttribute('disabled'),
    ).toBe(true);
    const stamps = await screen.findByRole('table', { name: 'アクションスタンプの種類' });
    expect(within(stamps).getByText('1on1のお誘い')).toBeTruthy();
    const history = await screen.findByRole('table', { name: '分類の変更履歴' });
    expect(history.textContent).toContain('廃止（状態: 使用中 → 廃止）');
    expect(history.textContent).toContain('萩原 健一');
  });

  it('moves, retires and adds, each through the API, and shows the server’s reasons', async () => {
    const { api, calls } = fakeApi({
      ...handlers(),
      'PUT /api/master-data/categories/order': () => ({ items: categories }),
      'PATCH /api/master-data/categories/digital': () => ({ ...categories[1]!, isActive: false }),
      'POST /api/master-data/categories': () => {
        throw apiError(409, 'CONFLICT', '同じコードまたは分類名の分類がすでにあります。');
      },
    });
    renderPage(<MasterDataPage />, { api, user: officeUser });
    fireEvent.click(await screen.findByRole('button', { name: '「デジタル・ＤＸ」を上へ' }));
    expect(await screen.findByText('並び順を変更しました。')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PUT')!.options?.body).toEqual({
      codes: ['digital', 'paperless', 'stamps'],
    });

    fireEvent.click(await screen.findByRole('button', { name: '「デジタル・ＤＸ」を廃止' }));
    expect(await screen.findByText('「デジタル・ＤＸ」を廃止しました。')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PATCH')!.options?.body).toEqual({ isActive: false });

    fireEvent.click(screen.getByRole('button', { name: '分類を追加' }));
    const dialog = await findDialog('分類を追加');
    fireEvent.change(within(dialog).getByLabelText(/分類名/), { target: { value: 'ペーパレス化' } });
    fireEvent.change(within(dialog).getByLabelText(/コード/), { target: { value: 'paper' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      '同じコードまたは分類名の分類がすでにあります。',
    );
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')!.options?.body).toEqual({
        code: 'paper',
        label: 'ペーパレス化',
      }),
    );
  });

  it('tells staff the page is not theirs and asks nothing of the API', async () => {
    const { api, calls } = fakeApi(handlers());
    renderPage(<MasterDataPage />, { api, user: staffUser });
    expect(await screen.findByText('この画面は推進室・管理者のみが使えます')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
