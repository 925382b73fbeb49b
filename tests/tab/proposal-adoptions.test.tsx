import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalAdoptionsDto } from '#shared/adoption';
import type { ProposalThanksDto } from '#shared/proposal-thanks';
import { findDialog } from './dialogs';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { divisions, history, pageHandler, proposal, referenceHandlers } from './proposals-fixture';
import { apiError, fakeApi, renderPage, staffUser, type ApiHandler } from './render';

configure({ asyncUtilTimeout: 5000 });

const own = divisions[0]!;
const realised = proposal(5, { status: 'realised', isPublished: true, version: 2 });

const adoptions = (items: ProposalAdoptionsDto['items'] = []): ProposalAdoptionsDto => ({
  open: true,
  items,
  recordableDivisions: [{ id: own.id, name: own.name }],
  adoptedCount: items.filter((item) => item.state === 'adopted').length,
  consideringCount: items.filter((item) => item.state === 'considering').length,
});

const record = (state: 'adopted' | 'considering', division = { id: 'd-other', name: '税務課' }) => ({
  id: `a-${division.id}`,
  proposalId: realised.id,
  division,
  state,
  stateLabel: state === 'adopted' ? 'うちの課でも導入した' : '導入を検討中',
  note: state === 'adopted' ? '課内の会議をTeamsにしました。' : null,
  adoptedOn: '2024-11-05',
  recordedBy: null,
  updatedAt: '2024-11-05T01:00:00Z',
});

const thanks: ProposalThanksDto = {
  total: 1,
  items: [
    {
      id: 's1',
      kind: { code: 'thanks', label: 'ありがとう', emoji: '🙏' },
      sender: { id: 'u1', displayName: '山口 太郎' },
      recipient: { id: 'u2', displayName: '下関 次郎' },
      message: null,
      sentAt: '2025-02-10T01:00:00Z',
    },
  ],
};

const renderDetail = (target = realised, handlers: Record<string, ApiHandler> = {}) => {
  const fake = fakeApi({
    'GET /api/proposals': pageHandler(3),
    ...referenceHandlers,
    [`GET /api/proposals/${target.id}`]: () => target,
    [`GET /api/proposals/${target.id}/history`]: () => ({ items: history(target.id) }),
    [`GET /api/proposals/${target.id}/adoptions`]: () => adoptions([record('adopted')]),
    [`GET /api/proposals/${target.id}/thanks`]: () => thanks,
    ...handlers,
  });
  renderPage(<ProposalsPage />, {
    api: fake.api,
    user: staffUser,
    path: `/proposals/${target.id}`,
    route: '/proposals/:proposalId?',
  });
  return fake;
};

describe('横展開 and thanks in the detail', () => {
  it('lists who adopted the realised proposal and records the own division from the dialog', async () => {
    const fake = renderDetail(realised, {
      [`PUT /api/proposals/${realised.id}/adoptions/${own.id}`]: (call) => {
        const body = call.options?.body as { state: 'considering'; note?: string };
        return adoptions([record('adopted'), { ...record(body.state, own), note: body.note ?? null }]);
      },
    });
    const section = await screen.findByRole('region', { name: '横展開（ほかの課での導入）' });
    await within(section).findByText('税務課');
    expect(within(section).getByText('課内の会議をTeamsにしました。')).toBeTruthy();
    expect(within(section).getByText('導入した課 1 ／ 導入を検討中の課 0')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: 'うちの課でも導入した／導入を検討中' }));
    const dialog = await findDialog('うちの課でも導入した／導入を検討中');
    expect(within(dialog).getByText(own.name)).toBeTruthy();
    const [adoptedRadio, consideringRadio] = within(dialog).getAllByRole('radio', {
      hidden: true,
    }) as HTMLInputElement[];
    expect(adoptedRadio!.checked).toBe(true);
    fireEvent.click(consideringRadio!);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'ひとこと（任意）' }), {
      target: { value: '来月から試行します。' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '登録する' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const put = fake.calls.find((call) => call.method === 'PUT')!;
    expect(put.options?.body).toMatchObject({ state: 'considering', note: '来月から試行します。' });
    expect((put.options?.body as { adoptedOn: string }).adoptedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await within(section).findByText('来月から試行します。');
    expect(within(section).getByText('導入した課 1 ／ 導入を検討中の課 1')).toBeTruthy();
  });

  it('keeps the dialog open with the server’s Japanese reason when it refuses', async () => {
    renderDetail(realised, {
      [`PUT /api/proposals/${realised.id}/adoptions/${own.id}`]: () => {
        throw apiError(400, 'VALIDATION', '導入日に未来の日付は指定できません。');
      },
    });
    const section = await screen.findByRole('region', { name: '横展開（ほかの課での導入）' });
    fireEvent.click(
      await within(section).findByRole('button', { name: 'うちの課でも導入した／導入を検討中' }),
    );
    const dialog = await findDialog('うちの課でも導入した／導入を検討中');
    fireEvent.click(within(dialog).getByRole('button', { name: '登録する' }));
    await within(dialog).findByText('導入日に未来の日付は指定できません。');
  });

  it('shows no 横展開 on a proposal that is not realised, and the thanks it led to', async () => {
    const open = proposal(6, { status: 'under_consideration', isPublished: true });
    const fake = renderDetail(open);
    const thanksSection = await screen.findByRole('region', { name: /この提案から生まれたお礼（1件）/ });
    expect(within(thanksSection).getByText('山口 太郎 → 下関 次郎')).toBeTruthy();
    expect(screen.queryByRole('region', { name: '横展開（ほかの課での導入）' })).toBeNull();
    expect(fake.calls.some((call) => call.path.endsWith('/adoptions'))).toBe(false);
  });
});
