import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProposalDto } from '#shared/proposal';
import { ApiError } from '../../tab/src/api/api-error';
import { BulkStatusDialog } from '../../tab/src/components/proposals-office/BulkStatusDialog';
import { CsvExportButton } from '../../tab/src/components/proposals-office/CsvExportButton';
import { CsvImportDialog } from '../../tab/src/components/proposals-office/CsvImportDialog';
import { MergeDialog } from '../../tab/src/components/proposals-office/MergeDialog';
import { findDialog } from './dialogs';
import { proposal as listedProposal, proposalId as id } from './proposals-fixture';
import { apiError, fakeApi, officeUser, renderPage } from './render';

/** A proposal as the office's dialogs get it: 提案n, at version n + 1. */
const proposal = (n: number, overrides: Partial<ProposalDto> = {}): ProposalDto =>
  listedProposal(n, { title: `提案${n}`, version: n + 1, ...overrides });

afterEach(() => vi.restoreAllMocks());

describe('BulkStatusDialog', () => {
  it('applies one change to the selection and says which proposals changed and which did not, and why', async () => {
    const { api, calls } = fakeApi({
      'POST /api/proposals/bulk-status': () => ({
        results: [
          { id: id(1), ok: true, proposal: proposal(1, { status: 'blocked', version: 3 }) },
          {
            id: id(3),
            ok: false,
            code: 'CONFLICT',
            message: '他の人が先に更新しました。最新の内容を確認してからやり直してください。',
          },
          { id: id(2), ok: true, proposal: proposal(2, { status: 'blocked', version: 4 }) },
        ],
        succeeded: 2,
        failed: 1,
      }),
      [`GET /api/proposals/${id(3)}`]: () => proposal(3, { version: 9 }),
    });
    const onDone = vi.fn();
    const items = [1, 3, 2].map((n) => ({ id: id(n), version: n + 1 }));
    renderPage(<BulkStatusDialog open items={items} onClose={vi.fn()} onDone={onDone} />, {
      api,
      user: officeUser,
    });
    const dialog = await findDialog('状態の一括変更');
    expect(dialog.textContent).toContain('選択した3件の提案の状態を変更します');

    fireEvent.change(within(dialog).getByLabelText(/^状態/), { target: { value: 'blocked' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '3件を変更' }));
    expect(await within(dialog).findByText('理由の区分を選んでください。')).toBeTruthy();
    expect(calls).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(/^理由の区分/), { target: { value: 'budget' } });
    fireEvent.change(within(dialog).getByLabelText('理由'), { target: { value: '来年度予算で検討' } });
    fireEvent.change(within(dialog).getByLabelText('再検討時期'), { target: { value: '2025-10-01' } });
    fireEvent.change(within(dialog).getByLabelText('コメント'), {
      target: { value: '予算要求の時期に再検討' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '3件を変更' }));

    const results = await screen.findByRole('table', { name: '一括変更の結果' });
    expect(calls[0]!.options?.body).toEqual({
      items,
      status: 'blocked',
      blockReason: 'budget',
      blockReasonNote: '来年度予算で検討',
      revisitOn: '2025-10-01',
      comment: '予算要求の時期に再検討',
    });
    const rows = within(results).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'R6-0001提案1変更しました',
      'R6-0003提案3変更できませんでした: 他の人が先に更新しました。最新の内容を確認してからやり直してください。',
      'R6-0002提案2変更しました',
    ]);
    expect(screen.getByText(/2件を変更しました。/).textContent).toContain('1件は変更できませんでした');

    fireEvent.click(screen.getByRole('button', { name: '閉じる' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('sends an answer only when one is written, and refuses more than the server accepts', async () => {
    const { api, calls } = fakeApi({
      'POST /api/proposals/bulk-status': () => ({
        results: [{ id: id(1), ok: true, proposal: proposal(1) }],
        succeeded: 1,
        failed: 0,
      }),
    });
    const { unmount } = renderPage(
      <BulkStatusDialog open items={[{ id: id(1), version: 2 }]} onClose={vi.fn()} onDone={vi.fn()} />,
      { api, user: officeUser },
    );
    const dialog = await findDialog('状態の一括変更');
    fireEvent.change(within(dialog).getByLabelText(/^状態/), { target: { value: 'settled' } });
    fireEvent.change(within(dialog).getByLabelText('回答'), { target: { value: '来年度から実施します。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '1件を変更' }));
    await screen.findByRole('table', { name: '一括変更の結果' });
    expect(calls[0]!.options?.body).toEqual({
      items: [{ id: id(1), version: 2 }],
      status: 'settled',
      answer: '来年度から実施します。',
    });
    unmount();

    const tooMany = Array.from({ length: 201 }, (_, n) => ({ id: id(n + 1), version: 1 }));
    renderPage(<BulkStatusDialog open items={tooMany} onClose={vi.fn()} onDone={vi.fn()} />, {
      api,
      user: officeUser,
    });
    const second = await findDialog('状態の一括変更');
    expect(second.textContent).toContain('一度に変更できるのは200件までです');
    expect((within(second).getByRole('button', { name: '201件を変更' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

describe('MergeDialog', () => {
  const duplicate = proposal(12, { title: '会議資料のペーパレス化', version: 5 });
  const target = proposal(3, { title: '会議のペーパレス化', status: 'under_consideration' });
  const search = () => ({
    items: [duplicate, proposal(7, { status: 'merged', title: '統合済みの提案' }), target],
    total: 3,
    page: 1,
    pageSize: 20,
  });

  it('finds the target by number, confirms with both titles and sends version, intoId and comment', async () => {
    const { api, calls } = fakeApi({
      'GET /api/proposals': search,
      [`POST /api/proposals/${duplicate.id}/merge`]: () => ({ proposal: duplicate, into: target }),
    });
    const onDone = vi.fn();
    renderPage(<MergeDialog open proposal={duplicate} onClose={vi.fn()} onDone={onDone} />, {
      api,
      user: officeUser,
    });
    const dialog = await findDialog('重複する提案を統合');
    fireEvent.change(within(dialog).getByRole('searchbox', { name: '統合先を検索' }), {
      target: { value: 'R6-0003' },
    });
    const candidates = await within(dialog).findByRole('radiogroup', { name: '統合先の候補' });
    // Itself and proposals that cannot absorb another (merged, withdrawn) are not offered.
    expect(within(candidates).getAllByRole('radio')).toHaveLength(1);
    expect(calls[0]!.options?.query).toMatchObject({ q: 'R6-0003' });
    fireEvent.click(within(candidates).getByRole('radio', { name: 'R6-0003 会議のペーパレス化（検討中）' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '次へ' }));

    expect(dialog.textContent).toContain('R6-0012 会議資料のペーパレス化');
    expect(dialog.textContent).toContain('R6-0003 会議のペーパレス化');
    expect(dialog.textContent).toContain('履歴はそのまま残り、両方の提案者に通知が届きます');
    fireEvent.change(within(dialog).getByLabelText('コメント'), { target: { value: '同じ内容のため' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '統合する' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.options?.body).toEqual({ version: 5, intoId: target.id, comment: '同じ内容のため' });
  });

  it('says in Japanese that someone else changed the proposal first and offers a reload', async () => {
    const { api } = fakeApi({
      'GET /api/proposals': search,
      [`POST /api/proposals/${duplicate.id}/merge`]: () => {
        throw apiError(
          409,
          'CONFLICT',
          '他の人が先に更新しました。最新の内容を確認してからやり直してください。',
        );
      },
    });
    const onDone = vi.fn();
    renderPage(<MergeDialog open proposal={duplicate} onClose={vi.fn()} onDone={onDone} />, {
      api,
      user: officeUser,
    });
    const dialog = await findDialog('重複する提案を統合');
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'ペーパレス' } });
    fireEvent.click(await within(dialog).findByRole('radio', { name: /R6-0003/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: '次へ' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '統合する' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('他の人が先に更新しました');
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(within(alert).getByRole('button', { name: '再読み込み' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('CsvImportDialog', () => {
  const csv = (text: string, name = 'proposals.csv') => new File([text], name, { type: 'text/csv' });

  it('previews the file without writing, lists bad rows, and imports only after 取り込む', async () => {
    const broken = csv('提出日,件名\n', 'broken.csv');
    const fixed = csv('提出日,件名,提案内容,分類,提案者\n', 'fixed.csv');
    const { api, calls } = fakeApi({
      'UPLOAD /api/proposals/import': (call) => {
        const file = call.options?.body as File;
        if (file.name === 'broken.csv') {
          throw new ApiError(
            400,
            'VALIDATION',
            '2行に誤りがあるため、取り込みませんでした（1件も登録していません）。各行を修正してから取り込み直してください。',
            [
              { path: 'row:3', message: '提出日は YYYY-MM-DD の形式で入力してください。' },
              { path: 'row:5', message: '分類の値が正しくありません。' },
            ],
          );
        }
        return {
          dryRun: call.options?.query?.dryRun === 'true',
          imported: 2,
          numbers: ['R6-0661', 'R6-0662'],
          newDivisions: ['総務科'],
        };
      },
    });
    const onDone = vi.fn();
    renderPage(<CsvImportDialog open onClose={vi.fn()} onDone={onDone} />, { api, user: officeUser });
    const dialog = await findDialog('CSVから提案を取り込む');
    const input = within(dialog).getByLabelText('CSVファイル');

    fireEvent.change(input, { target: { files: [broken] } });
    const errors = await within(dialog).findByRole('table', { name: '取り込めない行' });
    expect(
      within(errors)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['行', '内容']);
    expect(
      within(errors)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent),
    ).toEqual(['3提出日は YYYY-MM-DD の形式で入力してください。', '5分類の値が正しくありません。']);
    expect(dialog.textContent).toContain('2行に誤りがあるため、取り込みませんでした');
    expect((within(dialog).getByRole('button', { name: '取り込む' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    fireEvent.change(input, { target: { files: [fixed] } });
    expect(await within(dialog).findByText('2件の提案を取り込めます')).toBeTruthy();
    expect(dialog.textContent).toContain('R6-0661、R6-0662');
    // A 所属 no division has yet is named before anything is written (a misspelling shows here).
    expect(dialog.textContent).toContain('未登録の所属・所管課を新しく登録します（1件）: 総務科');
    expect(within(dialog).queryByRole('table')).toBeNull();
    expect(calls.map((call) => [(call.options?.body as File).name, call.options?.query])).toEqual([
      ['broken.csv', { dryRun: 'true' }],
      ['fixed.csv', { dryRun: 'true' }],
    ]);

    fireEvent.click(within(dialog).getByRole('button', { name: '取り込む' }));
    expect(await within(dialog).findByText('2件の提案を取り込みました')).toBeTruthy();
    expect(dialog.textContent).toContain('新しく登録した所属・所管課（1件）: 総務科');
    expect(calls[2]!.options).toMatchObject({ body: fixed, query: { dryRun: 'false' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '閉じる' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('CsvExportButton', () => {
  it('downloads the current filter’s CSV and saves it under the server’s file name', async () => {
    const blob = new Blob(['\uFEFF提案番号\r\n'], { type: 'text/csv' });
    const { api, calls } = fakeApi({
      'DOWNLOAD /api/proposals/export.csv': () => ({ blob, fileName: '職員提案一覧_2025-01-10.csv' }),
    });
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const query = {
      fiscalYear: '2024',
      status: ['received', 'blocked'],
      q: 'ペーパレス',
      category: undefined,
    };
    renderPage(<CsvExportButton query={query} />, { api, user: officeUser });

    fireEvent.click(screen.getByRole('button', { name: 'CSV出力' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(calls[0]!.options?.query).toEqual(query);
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(saved[0]).toEqual({ href: 'blob:export', download: '職員提案一覧_2025-01-10.csv' });
  });

  it('says in Japanese when the export fails', async () => {
    const { api } = fakeApi({
      'DOWNLOAD /api/proposals/export.csv': () => {
        throw apiError(403, 'FORBIDDEN', 'この操作を行う権限がありません。');
      },
    });
    renderPage(<CsvExportButton query={{}} />, { api, user: officeUser });
    fireEvent.click(screen.getByRole('button', { name: 'CSV出力' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この操作を行う権限がありません。');
  });
});
