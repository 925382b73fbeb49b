import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared/proposal';
import { ApiError } from '../../tab/src/api/api-error';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { personas } from '../helpers/personas';
import {
  divisions,
  history,
  listQueries,
  pageHandler,
  projectId,
  proposal,
  proposalId,
  referenceHandlers,
} from './proposals-fixture';
import { findDialog } from './dialogs';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

const route = '/proposals/:proposalId?';

// The machine running the suite may be busy: wait up to 5 s for what the page shows next.
configure({ asyncUtilTimeout: 5000 });

const renderList = (
  handlers: Record<string, ApiHandler> = {},
  { user = officeUser, path = '/proposals' } = {},
) => {
  // A short page by default: the detail and triage tests need no more, and a big grid is slow in happy-dom.
  const fake = fakeApi({ 'GET /api/proposals': pageHandler(3), ...referenceHandlers, ...handlers });
  renderPage(<ProposalsPage />, { api: fake.api, user, path, route });
  return fake;
};

const lastQuery = (calls: Parameters<typeof listQueries>[0]) => listQueries(calls).at(-1);

/** A detail's handlers: the proposal (as `current()` says), its history and the PATCH. */
const detailHandlers = (current: () => ProposalDto, patch?: ApiHandler): Record<string, ApiHandler> => ({
  [`GET /api/proposals/${current().id}`]: () => current(),
  [`GET /api/proposals/${current().id}/history`]: () => ({ items: history(current().id) }),
  ...(patch ? { [`PATCH /api/proposals/${current().id}`]: patch } : {}),
});

/** A confirmation toast (its text is also in Fluent's live region, hence the selector). */
const findToast = (text: string) => screen.findByText(text, { selector: '.fui-ToastTitle' });

/**
 * A button of a dialog, with focus put back inside it first: in happy-dom a click does not move
 * focus, so after a re-render tabster may take focus to be outside the modal and hide the dialog from
 * the accessibility tree (a browser keeps focus on the clicked button).
 */
const dialogButton = (dialog: HTMLElement, name: string) =>
  waitFor(() => {
    dialog.querySelector<HTMLElement>('select, input, textarea')?.focus();
    return within(dialog).getByRole('button', { name });
  });

const grid = () => screen.findByRole('grid', { name: '提案一覧' });

// Multi-step tests re-render the grid many times; on a busy two-core machine that takes a while.
const slow = 45_000;

describe('提案一覧', () => {
  it('shows one server page as a grid with its total and asks only for that page', async () => {
    const { calls } = renderList({ 'GET /api/proposals': pageHandler(45) });
    const table = await grid();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(20);
    expect(rows[0]!.textContent).toContain('R6-0001');
    expect(rows[0]!.textContent).toContain('提案1の件名');
    expect(rows[0]!.textContent).toContain('受付');
    expect(screen.getByText('全 45 件中 1–20 件')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '提案一覧' })).toBeTruthy();
    expect(lastQuery(calls)).toEqual(
      expect.objectContaining({ page: 1, pageSize: 20, sort: 'submittedAt', direction: 'desc' }),
    );
    // The default order is shown on its column.
    expect(
      within(table)
        .getByRole('columnheader', { name: /提出日/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
  });

  it(
    'sorts on the server from the column headers, ascending then descending',
    async () => {
      const { calls } = renderList();
      const table = await grid();
      fireEvent.click(within(table).getByRole('button', { name: '件名' }));
      await waitFor(() =>
        expect(lastQuery(calls)).toMatchObject({ sort: 'title', direction: 'asc', page: 1 }),
      );
      await waitFor(() =>
        expect(within(table).getByRole('columnheader', { name: /件名/ }).getAttribute('aria-sort')).toBe(
          'ascending',
        ),
      );
      expect(
        within(table)
          .getByRole('columnheader', { name: /提出日/ })
          .getAttribute('aria-sort'),
      ).toBe('none');

      fireEvent.click(within(table).getByRole('button', { name: '件名' }));
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ sort: 'title', direction: 'desc' }));
      // Dates sort newest first on the first click.
      fireEvent.click(within(table).getByRole('button', { name: '更新日' }));
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ sort: 'updatedAt', direction: 'desc' }));
    },
    slow,
  );

  it(
    'filters by status, category, year, divisions and project, back to page 1 each time',
    async () => {
      const { calls } = renderList({ 'GET /api/proposals': pageHandler(25) }, { path: '/proposals?page=2' });
      await grid();
      expect(lastQuery(calls)).toMatchObject({ page: 2 });

      fireEvent.change(screen.getByLabelText('分類'), { target: { value: 'digital' } });
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ category: 'digital', page: 1 }));

      fireEvent.click(screen.getByRole('combobox', { name: '状態' }));
      // A multi-select list: Fluent presents it as a menu of checkable items.
      fireEvent.click(await screen.findByRole('menuitemcheckbox', { name: '受付' }));
      fireEvent.click(await screen.findByRole('menuitemcheckbox', { name: 'その他' }));
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ status: ['received', 'blocked'] }));

      fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2024' } });
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ fiscalYear: '2024' }));
      // The project choices follow the chosen year.
      await waitFor(() =>
        expect(
          within(screen.getByLabelText('重点案件')).getByRole('option', { name: /R6-1-2/ }),
        ).toBeTruthy(),
      );
      fireEvent.change(screen.getByLabelText('重点案件'), { target: { value: projectId(2) } });
      fireEvent.change(screen.getByLabelText('提案者の所属'), { target: { value: divisions[1]!.id } });
      fireEvent.change(screen.getByLabelText('所管課'), { target: { value: divisions[0]!.id } });
      await waitFor(() =>
        expect(lastQuery(calls)).toEqual({
          q: undefined,
          status: ['received', 'blocked'],
          category: 'digital',
          fiscalYear: '2024',
          proposerDivisionId: divisions[1]!.id,
          responsibleDivisionId: divisions[0]!.id,
          priorityProjectId: projectId(2),
          sort: 'submittedAt',
          direction: 'desc',
          page: 1,
          pageSize: 20,
        }),
      );

      fireEvent.click(screen.getByRole('button', { name: '条件をクリア' }));
      await waitFor(() =>
        expect(lastQuery(calls)).toEqual(
          expect.objectContaining({
            status: undefined,
            category: undefined,
            responsibleDivisionId: undefined,
          }),
        ),
      );
    },
    slow,
  );

  it('opens on the latest year with data while the current has none, says so, and offers every year', async () => {
    const { calls } = renderList({ 'GET /api/proposals': pageHandler(3) });
    await grid();
    // One list request, for the default year (the years were asked for first).
    expect(listQueries(calls)).toHaveLength(1);
    expect(lastQuery(calls)).toMatchObject({ fiscalYear: '2024' });
    expect(
      screen.getByText(
        '令和8年度の提案はまだないため、データのある最新の令和6年度を表示しています。「年度」で切り替えられます。',
      ),
    ).toBeTruthy();
    const year = screen.getByLabelText('年度') as HTMLSelectElement;
    expect(year.value).toBe('2024');
    expect([...year.options].map((option) => option.text)).toEqual(['すべて', '令和8年度', '令和6年度']);
    // 「条件をクリア」 is for what the user chose, not the default year.
    expect(screen.queryByRole('button', { name: '条件をクリア' })).toBeNull();

    fireEvent.change(year, { target: { value: '' } });
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ fiscalYear: undefined }));
    expect(year.value).toBe('');
    expect(screen.queryByText(/データのある最新の/)).toBeNull();
  });

  it('offers the office the queue of proposals without a division (所属未設定)', async () => {
    const { calls } = renderList({ 'GET /api/proposals': pageHandler(3) });
    await grid();
    const proposer = screen.getByLabelText('提案者の所属') as HTMLSelectElement;
    expect(within(proposer).getByRole('option', { name: '（所属未設定）' })).toBeTruthy();
    // Only the proposer's division can be unset on purpose; 所管課 has no such queue.
    expect(
      within(screen.getByLabelText('所管課')).queryByRole('option', { name: '（所属未設定）' }),
    ).toBeNull();
    fireEvent.change(proposer, { target: { value: 'none' } });
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ proposerDivisionId: 'none', page: 1 }));
    expect(proposer.value).toBe('none');
  });

  it('restores filter, sort and page from the URL (a link or the back button)', async () => {
    const { calls } = renderList(
      { 'GET /api/proposals': pageHandler(145) },
      {
        path: '/proposals?q=ペーパレス&category=digital&status=received,blocked&sort=number&direction=asc&page=2&pageSize=50',
      },
    );
    await grid();
    expect(listQueries(calls)[0]).toEqual(
      expect.objectContaining({
        q: 'ペーパレス',
        category: 'digital',
        status: ['received', 'blocked'],
        sort: 'number',
        direction: 'asc',
        page: 2,
        pageSize: 50,
      }),
    );
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('ペーパレス');
    expect((screen.getByLabelText('分類') as HTMLSelectElement).value).toBe('digital');
    expect(screen.getByText('全 145 件中 51–100 件')).toBeTruthy();
    expect(
      within(screen.getByRole('grid', { name: '提案一覧' }))
        .getByRole('columnheader', { name: /提案番号/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
  });

  it('searches once the typing pauses, not on every keystroke', async () => {
    const { calls } = renderList();
    await grid();
    const before = listQueries(calls).length;
    const box = screen.getByRole('searchbox');
    fireEvent.change(box, { target: { value: 'ペ' } });
    fireEvent.change(box, { target: { value: 'ペーパ' } });
    fireEvent.change(box, { target: { value: 'ペーパレス' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listQueries(calls)).toHaveLength(before);
    await waitFor(
      () => expect(lastQuery(calls)).toMatchObject({ q: 'ペーパレス', sort: 'relevance', page: 1 }),
      { timeout: 3000 },
    );
    expect(listQueries(calls).filter((query) => query?.q !== undefined)).toHaveLength(1);
  });

  it(
    'pages with previous/next, page numbers and page size',
    async () => {
      const { calls } = renderList({ 'GET /api/proposals': pageHandler(145) });
      await grid();
      const pages = screen.getByRole('navigation', { name: 'ページ送り' });
      expect(within(pages).getByRole('button', { name: '前へ' })).toHaveProperty('disabled', true);
      expect(within(pages).getByRole('button', { name: '8 ページ目' })).toBeTruthy();

      fireEvent.click(within(pages).getByRole('button', { name: '次へ' }));
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ page: 2 }));
      expect(await screen.findByText('全 145 件中 21–40 件')).toBeTruthy();

      fireEvent.click(within(pages).getByRole('button', { name: '8 ページ目' }));
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ page: 8 }));
      expect(await screen.findByText('全 145 件中 141–145 件')).toBeTruthy();
      expect(within(pages).getByRole('button', { name: '8 ページ目' }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(within(pages).getByRole('button', { name: '次へ' })).toHaveProperty('disabled', true);

      fireEvent.change(screen.getByLabelText('表示件数'), { target: { value: '100' } });
      await waitFor(() => expect(lastQuery(calls)).toMatchObject({ page: 1, pageSize: 100 }));
      expect(await screen.findByText('全 145 件中 1–100 件')).toBeTruthy();
    },
    slow,
  );

  it('says when nothing matches and offers to clear the filters', async () => {
    const { calls } = renderList(
      { 'GET /api/proposals': pageHandler(0) },
      { path: '/proposals?category=other' },
    );
    const empty = (await screen.findByText('条件に合う提案はありません')).closest<HTMLElement>(
      '[role="status"]',
    )!;
    fireEvent.click(within(empty).getByRole('button', { name: '条件をクリア' }));
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ category: undefined }));
  });

  it('shows a Japanese error with a retry when the list cannot be loaded', async () => {
    let fail = true;
    renderList({
      'GET /api/proposals': (call) => {
        if (fail) throw new ApiError(503, 'UNAVAILABLE', '現在サービスを利用できません。');
        return pageHandler(3)(call);
      },
    });
    expect(await screen.findByText('現在サービスを利用できません。')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '再読み込み' }));
    expect(await grid()).toBeTruthy();
  });

  it('opens the detail from a row by click or Enter, with the history in Japanese', async () => {
    const current = proposal(2, {
      status: 'under_consideration',
      answer: '関係課と調整のうえ検討します。',
      responsibleDivision: divisions[0]!,
      coProposers: [{ id: proposalId(800), displayName: personas.hanako.name }],
      priorityProjectIds: [projectId(1)],
    });
    renderList(detailHandlers(() => current));
    const table = await grid();
    fireEvent.click(within(table).getAllByRole('row')[2]!);

    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    expect(await within(detail).findByRole('heading', { name: '提案2の件名' })).toBeTruthy();
    expect(detail.textContent).toContain('R6-0002');
    expect(detail.textContent).toContain('検討中');
    expect(detail.textContent).toContain(personas.hanako.name);
    expect(detail.textContent).toContain('デジタル政策課');
    expect(
      await within(detail).findByRole('link', { name: 'R6-1-1 ＤＸプラットフォームの構築' }),
    ).toBeTruthy();

    const timeline = await within(detail).findByRole('list', { name: '履歴' });
    const entries = within(timeline).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain('提出');
    expect(entries[0]!.textContent).toContain('2024/6/3 09:05');
    expect(entries[1]!.textContent).toContain('状態の変更');
    expect(entries[1]!.textContent).toContain('萩原 健一');
    expect(entries[1]!.textContent).toContain('2024/7/1 15:30');
    expect(entries[1]!.textContent).toContain('状態受付 → 検討中');
    expect(entries[1]!.textContent).toContain('所管課デジタル政策課');
    expect(entries[1]!.textContent).toContain('回答関係課と調整のうえ検討します。');
    expect(entries[1]!.textContent).toContain('内部メモ（提案者には表示されません）: 02番の一次回答');

    // The row is marked as the one shown; Enter on another row opens that one.
    expect(within(table).getAllByRole('row')[2]!.getAttribute('aria-current')).toBe('true');
  });

  it('opens the detail with Enter on a focused row', async () => {
    const current = proposal(3);
    const { calls } = renderList(detailHandlers(() => current));
    const table = await grid();
    const row = within(table).getAllByRole('row')[3]!;
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(await screen.findByRole('region', { name: '提案の詳細' })).toBeTruthy();
    await waitFor(() =>
      expect(calls.some((call) => call.path === `/api/proposals/${current.id}`)).toBe(true),
    );
  });

  it('deep link /proposals/<id> opens the detail directly', async () => {
    const current = proposal(7, { title: 'カードから開いた提案' });
    renderList(
      detailHandlers(() => current),
      { path: `/proposals/${current.id}` },
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    expect(await within(detail).findByRole('heading', { name: 'カードから開いた提案' })).toBeTruthy();
  });

  it('tells staff when a proposal cannot be shown to them', async () => {
    renderList(
      {
        [`GET /api/proposals/${proposalId(9)}`]: () => {
          throw new ApiError(404, 'NOT_FOUND', '提案が見つかりません。');
        },
        [`GET /api/proposals/${proposalId(9)}/history`]: () => {
          throw new ApiError(404, 'NOT_FOUND', '提案が見つかりません。');
        },
      },
      { user: staffUser, path: `/proposals/${proposalId(9)}` },
    );
    expect(await screen.findByText('この提案は見つからないか、表示する権限がありません')).toBeTruthy();
  });

  it('shows staff no office action at all', async () => {
    const current = proposal(4, { isPublished: true });
    renderList(
      detailHandlers(() => current),
      { user: staffUser, path: `/proposals/${current.id}` },
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    await within(detail).findByRole('list', { name: '履歴' });
    for (const name of ['状態を変更', '統合', '一括で状態を変更', 'CSV取込', 'CSV出力']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(within(detail).queryByText('推進室の操作')).toBeNull();
  });
});

describe('提案一覧: office triage', () => {
  it(
    'changes the status with an answer, sent with the version shown, then shows the new history',
    async () => {
      let current = proposal(5, { version: 7 });
      let historyEntries = history(current.id).slice(0, 1);
      const { calls } = renderList(
        {
          ...detailHandlers(
            () => current,
            (call) => {
              current = { ...current, status: 'under_consideration', answer: '検討します。', version: 8 };
              historyEntries = history(current.id);
              return { ...current, body: call.options?.body };
            },
          ),
          [`GET /api/proposals/${current.id}/history`]: () => ({ items: historyEntries }),
        },
        { path: `/proposals/${current.id}` },
      );
      const detail = await screen.findByRole('region', { name: '提案の詳細' });
      fireEvent.click(await within(detail).findByRole('button', { name: '状態を変更' }));
      const dialog = await findDialog(/状態を変更/);
      const status = within(dialog).getByLabelText(/^状態/) as HTMLSelectElement;
      // The choices are the current status and those the rules allow next (not 取下げ or 統合).
      expect([...status.options].map((option) => option.textContent)).toEqual([
        '受付（現在の状態）',
        '検討中',
        '実現見込み',
        '実現完了',
        'その他',
      ]);
      fireEvent.change(status, { target: { value: 'under_consideration' } });
      // Signing is offered once the answer changes.
      // Focus back inside first (see dialogButton): the detail's sections load behind the dialog.
      const sign = (await waitFor(() => {
        dialog.querySelector<HTMLElement>('select')?.focus();
        return within(dialog).getByRole('checkbox', { name: '回答に氏名を署名する' });
      })) as HTMLInputElement;
      expect(sign.disabled).toBe(true);
      fireEvent.change(within(dialog).getByLabelText('回答'), { target: { value: '検討します。' } });
      expect(sign.disabled).toBe(false);
      fireEvent.click(sign);
      fireEvent.change(within(dialog).getByLabelText('内部メモ'), { target: { value: '財政課に確認済み' } });
      expect(dialog.textContent).toContain('提案者には表示されません');
      const listCallsBefore = listQueries(calls).length;
      fireEvent.click(await dialogButton(dialog, '保存'));

      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      const patch = calls.find((call) => call.method === 'PATCH')!;
      expect(patch.options?.body).toEqual({
        version: 7,
        status: 'under_consideration',
        answer: '検討します。',
        comment: '財政課に確認済み',
        signAnswer: true,
      });
      const timeline = await within(detail).findByRole('list', { name: '履歴' });
      await waitFor(() => expect(within(timeline).getAllByRole('listitem')).toHaveLength(2));
      expect(timeline.textContent).toContain('受付 → 検討中');
      expect(await findToast('状態を保存しました。')).toBeTruthy();
      // The list row is refreshed too.
      await waitFor(() => expect(listQueries(calls).length).toBeGreaterThan(listCallsBefore));
    },
    slow,
  );

  it('tells the office in Japanese that someone else changed it first, and reloads the latest', async () => {
    const current = proposal(6, { version: 4 });
    const { calls } = renderList(
      detailHandlers(
        () => current,
        () => {
          throw new ApiError(
            409,
            'CONFLICT',
            'この提案は他の人が先に更新しました。画面を更新して最新の内容を確認してください。',
          );
        },
      ),
      { path: `/proposals/${current.id}` },
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    fireEvent.click(await within(detail).findByRole('button', { name: '状態を変更' }));
    const dialog = await findDialog(/状態を変更/);
    fireEvent.change(within(dialog).getByLabelText(/^状態/), { target: { value: 'settled' } });
    fireEvent.click(await dialogButton(dialog, '保存'));

    expect(await within(dialog).findByText('他の人が先にこの提案を更新しました')).toBeTruthy();
    const loads = () => calls.filter((call) => call.path === `/api/proposals/${current.id}`).length;
    const before = loads();
    fireEvent.click(await dialogButton(dialog, '最新の内容を読み込む'));
    await waitFor(() => expect(loads()).toBe(before + 1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it(
    'shows the server’s validation reasons next to their fields',
    async () => {
      const current = proposal(8, { version: 2 });
      const { calls } = renderList(
        detailHandlers(
          () => current,
          () => {
            throw new ApiError(400, 'VALIDATION', '入力内容に誤りがあります。各項目を確認してください。', [
              { path: 'answer', message: '回答は2000文字以内で入力してください。' },
              { path: 'revisitOn', message: '再検討時期は今日以降の日付を指定してください。' },
            ]);
          },
        ),
        { path: `/proposals/${current.id}` },
      );
      const detail = await screen.findByRole('region', { name: '提案の詳細' });
      fireEvent.click(await within(detail).findByRole('button', { name: '状態を変更' }));
      const dialog = await findDialog(/状態を変更/);

      // 「その他」 needs a reason category: said before anything is sent.
      fireEvent.change(within(dialog).getByLabelText(/^状態/), { target: { value: 'blocked' } });
      fireEvent.click(await dialogButton(dialog, '保存'));
      expect(await within(dialog).findByText('理由の区分を選んでください。')).toBeTruthy();
      expect(calls.some((call) => call.method === 'PATCH')).toBe(false);

      fireEvent.change(within(dialog).getByLabelText(/^理由の区分/), { target: { value: 'legal' } });
      fireEvent.change(within(dialog).getByLabelText('再検討時期'), { target: { value: '2020-01-01' } });
      fireEvent.change(within(dialog).getByLabelText('回答'), {
        target: { value: '法令上の制約があります。' },
      });
      fireEvent.click(await dialogButton(dialog, '保存'));

      const fieldOf = (label: string) => within(dialog).getByLabelText(label).closest('.fui-Field')!;
      await waitFor(() =>
        expect(fieldOf('回答').textContent).toContain('回答は2000文字以内で入力してください。'),
      );
      expect(fieldOf('再検討時期').textContent).toContain('再検討時期は今日以降の日付を指定してください。');
      expect(within(dialog).getByText('入力内容に誤りがあります。各項目を確認してください。')).toBeTruthy();
      expect(calls.find((call) => call.method === 'PATCH')!.options?.body).toEqual({
        version: 2,
        status: 'blocked',
        blockReason: 'legal',
        blockReasonNote: null,
        revisitOn: '2020-01-01',
        answer: '法令上の制約があります。',
      });
    },
    slow,
  );

  it('assigns the responsible division and publishes, each with the version and a confirmation', async () => {
    let current = proposal(10, { version: 5 });
    const { calls } = renderList(
      detailHandlers(
        () => current,
        (call) => {
          const body = call.options?.body as Record<string, unknown>;
          current = {
            ...current,
            version: current.version + 1,
            ...(body.responsibleDivisionId ? { responsibleDivision: divisions[1]! } : {}),
            ...(body.isPublished !== undefined ? { isPublished: body.isPublished as boolean } : {}),
          };
          return current;
        },
      ),
      { path: `/proposals/${current.id}` },
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    const division = await within(detail).findByLabelText('所管課');
    await waitFor(() => expect(within(division).getByRole('option', { name: '人事課' })).toBeTruthy());
    fireEvent.change(division, { target: { value: divisions[1]!.id } });
    expect(await findToast('所管課を変更しました。')).toBeTruthy();
    await waitFor(() =>
      expect(within(detail).getByRole('switch', { name: '全職員に公開する' })).toBeTruthy(),
    );
    await waitFor(() =>
      expect((within(detail).getByLabelText('所管課') as HTMLSelectElement).value).toBe(divisions[1]!.id),
    );

    fireEvent.click(within(detail).getByRole('switch', { name: '全職員に公開する' }));
    expect(await findToast('全職員に公開しました。')).toBeTruthy();
    const patches = calls.filter((call) => call.method === 'PATCH').map((call) => call.options?.body);
    expect(patches).toEqual([
      { responsibleDivisionId: divisions[1]!.id, version: 5 },
      { isPublished: true, version: 6 },
    ]);
  });

  it('links and unlinks priority projects', async () => {
    let current = proposal(11, { priorityProjectIds: [projectId(1)] });
    const { calls } = renderList(
      {
        ...detailHandlers(() => current),
        [`PUT /api/proposals/${current.id}/projects/${projectId(2)}`]: () => {
          current = { ...current, priorityProjectIds: [projectId(1), projectId(2)] };
          return current;
        },
        [`DELETE /api/proposals/${current.id}/projects/${projectId(1)}`]: () => {
          current = { ...current, priorityProjectIds: [projectId(2)] };
          return current;
        },
      },
      { path: `/proposals/${current.id}` },
    );
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    const choice = await within(detail).findByLabelText('関連付ける重点案件');
    // Already linked projects are not offered again.
    await waitFor(() => expect(within(choice).getByRole('option', { name: /R6-1-2/ })).toBeTruthy());
    expect(within(choice).queryByRole('option', { name: /R6-1-1/ })).toBeNull();
    fireEvent.change(choice, { target: { value: projectId(2) } });
    fireEvent.click(within(detail).getByRole('button', { name: '関連付ける' }));
    expect(await findToast('重点案件に関連付けました。')).toBeTruthy();

    fireEvent.click(
      await within(detail).findByRole('button', {
        name: 'R6-1-1 ＤＸプラットフォームの構築 の関連付けを解除',
      }),
    );
    expect(await findToast('重点案件の関連付けを解除しました。')).toBeTruthy();
    expect(
      calls.filter((call) => call.method === 'PUT' || call.method === 'DELETE').map((call) => call.path),
    ).toEqual([
      `/api/proposals/${current.id}/projects/${projectId(2)}`,
      `/api/proposals/${current.id}/projects/${projectId(1)}`,
    ]);
  });

  it(
    'selects rows for the bulk status change, with the versions seen',
    async () => {
      renderList();
      const table = await grid();
      fireEvent.click(within(table).getByRole('checkbox', { name: 'R6-0002 を選択' }));
      // Space on a focused row selects it too (the keyboard's way; the boxes are out of the tab order).
      fireEvent.keyDown(within(table).getAllByRole('row')[3]!, { key: ' ' });
      expect(screen.getByText('2 件を選択中')).toBeTruthy();
      expect(within(table).getAllByRole('row')[3]!.getAttribute('aria-selected')).toBe('true');
      // Choosing the checkbox does not open the detail.
      expect(screen.queryByRole('region', { name: '提案の詳細' })).toBeNull();

      fireEvent.click(screen.getByRole('button', { name: '一括で状態を変更' }));
      const dialog = await findDialog('状態の一括変更');
      expect(dialog.textContent).toContain('選択した2件の提案の状態を変更します');
      fireEvent.click(await dialogButton(dialog, 'キャンセル'));

      fireEvent.click(within(table).getByRole('checkbox', { name: 'このページの提案をすべて選択' }));
      expect(await screen.findByText('3 件を選択中')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: '選択を解除' }));
      expect(screen.queryByText(/件を選択中/)).toBeNull();
    },
    slow,
  );

  it('opens the merge dialog from the detail', async () => {
    const current = proposal(12);
    renderList({ ...detailHandlers(() => current) }, { path: `/proposals/${current.id}` });
    const detail = await screen.findByRole('region', { name: '提案の詳細' });
    fireEvent.click(await within(detail).findByRole('button', { name: '統合' }));
    expect(await screen.findByRole('dialog', { name: '重複する提案を統合' })).toBeTruthy();
  });

  it('hands the current filter to the CSV export', async () => {
    const { calls } = renderList(
      {
        'GET /api/proposals': pageHandler(45),
        'DOWNLOAD /api/proposals/export.csv': () => ({ blob: new Blob(['a']), fileName: 'x.csv' }),
      },
      { path: '/proposals?category=digital&status=received&page=3&sort=title' },
    );
    await grid();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = () => 'blob:x';
    try {
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'CSV出力' })));
      await waitFor(() => expect(calls.some((call) => call.method === 'DOWNLOAD')).toBe(true));
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    expect(calls.find((call) => call.method === 'DOWNLOAD')!.options?.query).toEqual({
      q: undefined,
      status: ['received'],
      category: 'digital',
      // The year shown: the latest with data (the URL names none).
      fiscalYear: '2024',
      proposerDivisionId: undefined,
      responsibleDivisionId: undefined,
      priorityProjectId: undefined,
    });
  });
});
