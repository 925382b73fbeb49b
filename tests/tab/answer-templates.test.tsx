import { configure, fireEvent, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnswerTemplateDto } from '#shared/answer-template';
import { AnswerTemplatesDialog } from '../../tab/src/components/answer-templates/AnswerTemplatesDialog';
import { StatusChangeDialog } from '../../tab/src/components/proposals/StatusChangeDialog';
import { findDialog } from './dialogs';
import { divisions, proposal } from './proposals-fixture';
import { fakeApi, officeUser, renderPage } from './render';

configure({ asyncUtilTimeout: 5000 });

const template = (n: number, overrides: Partial<AnswerTemplateDto> = {}): AnswerTemplateDto => ({
  id: `70000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  title: `定型${n}`,
  body: '{提案番号}「{件名}」は{所管課}で検討します。',
  isActive: true,
  version: 1,
  updatedAt: '2024-06-03T00:05:00.000Z',
  ...overrides,
});

describe('定型回答 in the status dialog', () => {
  it('puts the picked template, filled in for the proposal, into the answer, to edit before saving', async () => {
    const shown = proposal(5, { responsibleDivision: divisions[0]!, version: 7 });
    const { api, calls } = fakeApi({
      'GET /api/answer-templates': () => ({ items: [template(1)] }),
      [`PATCH /api/proposals/${shown.id}`]: () => shown,
    });
    renderPage(
      <StatusChangeDialog open proposal={shown} onClose={vi.fn()} onSaved={vi.fn()} onConflict={vi.fn()} />,
      { api, user: officeUser },
    );
    const dialog = await findDialog(/状態を変更/);
    const picker = await within(dialog).findByLabelText('定型回答');
    fireEvent.change(picker, { target: { value: template(1).id } });
    const answer = within(dialog).getByLabelText('回答') as HTMLTextAreaElement;
    expect(answer.value).toBe('R6-0005「提案5の件名」はデジタル政策課で検討します。');
    fireEvent.change(answer, { target: { value: `${answer.value}結果は追ってお知らせします。` } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')!.options?.body).toEqual({
      version: 7,
      answer: 'R6-0005「提案5の件名」はデジタル政策課で検討します。結果は追ってお知らせします。',
    });
  });
});

describe('定型回答の管理', () => {
  it('adds a template and retires another, each with the version shown', async () => {
    const { api, calls } = fakeApi({
      'GET /api/answer-templates': () => ({
        items: [template(1), template(2, { isActive: false, version: 3 })],
      }),
      'POST /api/answer-templates': () => template(3),
      [`PATCH /api/answer-templates/${template(1).id}`]: () => template(1, { isActive: false, version: 2 }),
    });
    renderPage(<AnswerTemplatesDialog open onClose={vi.fn()} />, { api, user: officeUser });
    const dialog = await findDialog('定型回答の管理');
    const list = await within(dialog).findByRole('list', { name: '定型回答' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('定型1'), expect.stringMatching(/定型2.*使用停止中.*再開/)]);
    fireEvent.click(within(list).getAllByRole('button', { name: '使用を停止' })[0]!);
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')?.options?.body).toEqual({
        version: 1,
        isActive: false,
      }),
    );

    fireEvent.click(within(dialog).getByRole('button', { name: '新しい定型回答' }));
    const form = await findDialog('定型回答を追加');
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('名前を入力してください。')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/^名前/), { target: { value: 'その他（予算）' } });
    fireEvent.change(within(form).getByLabelText(/^本文/), {
      target: { value: '{提案番号}は予算の都合で見送ります。' },
    });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await findDialog('定型回答の管理');
    expect(calls.find((call) => call.method === 'POST')!.options?.body).toEqual({
      title: 'その他（予算）',
      body: '{提案番号}は予算の都合で見送ります。',
    });
  });
});
