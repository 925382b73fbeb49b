import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProposalEngagementDto } from '#shared/engagement';
import type { ProposalDto } from '#shared/proposal';
import {
  getNotificationPreference,
  getTopSupportedProposals,
  setFollow,
  setNotificationPreference,
  setSupport,
} from '../../tab/src/api/engagement';
import { DashboardPage } from '../../tab/src/pages/DashboardPage';
import { MyProposalsPage } from '../../tab/src/pages/MyProposalsPage';
import { ProposalsPage } from '../../tab/src/pages/ProposalsPage';
import { dashboardFixture } from './dashboard-fixture';
import { history, pageHandler, proposal, referenceHandlers } from './proposals-fixture';
import { fakeApi, officeUser, renderPage, staffUser, type ApiHandler } from './render';

configure({ asyncUtilTimeout: 5000 });

/**
 * 賛同・フォロー in the detail, the 賛同数 column, 通知設定 in マイ提案 and the office's
 * 「賛同の多い検討中の提案」, against a fake API that answers as the server would.
 */
const published = (overrides: Partial<ProposalDto> = {}) =>
  proposal(31, { isPublished: true, status: 'under_consideration', supportCount: 4, ...overrides });

const renderDetail = (initial: ProposalDto, user = staffUser, open = true) => {
  let engagement: ProposalEngagementDto = {
    proposalId: initial.id,
    supportCount: initial.supportCount,
    supportedByMe: initial.supportedByMe,
    followedByMe: initial.followedByMe,
  };
  const current = () => ({ ...initial, ...engagement });
  const change =
    (patch: Partial<ProposalEngagementDto>): ApiHandler =>
    () => {
      engagement = { ...engagement, ...patch };
      return engagement;
    };
  const handlers: Record<string, ApiHandler> = {
    'GET /api/proposals': pageHandler(1, current),
    [`GET /api/proposals/${initial.id}`]: current,
    [`GET /api/proposals/${initial.id}/history`]: () => ({ items: history(initial.id) }),
    [`PUT /api/proposals/${initial.id}/support`]: () =>
      change({ supportCount: engagement.supportCount + 1, supportedByMe: true, followedByMe: true })(
        undefined as never,
      ),
    [`DELETE /api/proposals/${initial.id}/support`]: () =>
      change({ supportCount: engagement.supportCount - 1, supportedByMe: false, followedByMe: false })(
        undefined as never,
      ),
    [`PUT /api/proposals/${initial.id}/follow`]: change({ followedByMe: true }),
    [`DELETE /api/proposals/${initial.id}/follow`]: change({ followedByMe: false }),
    'GET /api/proposals/queues': () => ({ items: [] }),
    ...referenceHandlers,
  };
  const fake = fakeApi(handlers);
  renderPage(<ProposalsPage />, {
    api: fake.api,
    user,
    path: open ? `/proposals/${initial.id}` : '/proposals',
    route: '/proposals/:proposalId?',
  });
  return fake;
};

const detail = () => screen.findByRole('region', { name: '提案の詳細' });
const engagementOf = async () => within(await detail()).findByRole('region', { name: '賛同・フォロー' });

describe('賛同 and フォロー in the detail', () => {
  it('supports in one click, shows the new count, and withdraws it', async () => {
    const { calls } = renderDetail(published());
    const section = await engagementOf();
    expect(section.textContent).toContain('賛同 4人');
    const button = within(section).getByRole('button', { name: '賛同する' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    const pressed = await within(section).findByRole('button', { name: '賛同を取り消す' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    expect(section.textContent).toContain('賛同 5人');
    expect(within(section).getByRole('button', { name: 'フォロー解除' })).toBeTruthy();
    fireEvent.click(pressed);
    await within(section).findByRole('button', { name: '賛同する' });
    expect(section.textContent).toContain('賛同 4人');
    expect(calls.filter((call) => call.path.endsWith('/support')).map((call) => call.method)).toEqual([
      'PUT',
      'DELETE',
    ]);
  });

  it('follows and unfollows by hand', async () => {
    renderDetail(published());
    const section = await engagementOf();
    fireEvent.click(within(section).getByRole('button', { name: 'フォローする' }));
    fireEvent.click(await within(section).findByRole('button', { name: 'フォロー解除' }));
    await within(section).findByRole('button', { name: 'フォローする' });
  });

  it('the proposer sees the count without the button', async () => {
    renderDetail(published({ proposer: { id: staffUser.id, displayName: staffUser.displayName } }));
    const section = await engagementOf();
    expect(section.textContent).toContain('賛同 4人');
    expect(within(section).queryByRole('button', { name: '賛同する' })).toBeNull();
    expect(section.textContent).toContain('ご自身の提案には賛同できません。');
  });

  it('an unpublished proposal shows neither', async () => {
    renderDetail(published({ isPublished: false }));
    const panel = await detail();
    await within(panel).findByRole('heading', { name: '提案31の件名' });
    expect(within(panel).queryByRole('region', { name: '賛同・フォロー' })).toBeNull();
  });

  it('the list has a sortable 賛同数 column', async () => {
    const { calls } = renderDetail(published(), staffUser, false);
    const header = await screen.findByRole('columnheader', { name: '賛同数' });
    fireEvent.click(header);
    await waitFor(() =>
      expect(
        calls.some((call) => call.path === '/api/proposals' && call.options?.query?.sort === 'supportCount'),
      ).toBe(true),
    );
  });
});

describe('通知設定 in マイ提案', () => {
  it('shows the current choice and saves another', async () => {
    let preference = 'daily';
    const fake = fakeApi({
      'GET /api/proposals': pageHandler(0, () => published()),
      ...referenceHandlers,
      'GET /api/me/notification-preference': () => ({ preference }),
      'PUT /api/me/notification-preference': (call) => {
        preference = (call.options?.body as { preference: string }).preference;
        return { preference };
      },
    });
    renderPage(<MyProposalsPage />, { api: fake.api, path: '/my', route: '/my' });
    const section = await screen.findByRole('region', { name: '通知設定' });
    const daily = await within(section).findByRole('radio', { name: /1日1回まとめて/ });
    expect((daily as HTMLInputElement).checked).toBe(true);
    expect(section.textContent).toContain(
      'ご自身の提案の状況の変更は、この設定にかかわらず毎回お知らせします。',
    );
    fireEvent.click(within(section).getByRole('radio', { name: /通知しない/ }));
    await waitFor(() =>
      expect((within(section).getByRole('radio', { name: /通知しない/ }) as HTMLInputElement).checked).toBe(
        true,
      ),
    );
    expect(fake.calls.filter((call) => call.method === 'PUT').map((call) => call.options?.body)).toEqual([
      { preference: 'none' },
    ]);
  });
});

describe('the dashboard', () => {
  const top = {
    items: [
      {
        id: '00000000-0000-4000-8000-00000000a001',
        number: 'R6-0031',
        title: '会議資料のペーパレス化',
        status: 'under_consideration',
        supportCount: 12,
        responsibleDivision: '行政経営改革課',
      },
    ],
  };

  it('shows the office the most supported open proposals, linked to their detail', async () => {
    const fake = fakeApi({
      'GET /api/dashboard': () => dashboardFixture(),
      'GET /api/dashboard/top-supported': () => top,
    });
    renderPage(<DashboardPage />, {
      api: fake.api,
      user: officeUser,
      path: '/dashboard',
      route: '/dashboard',
    });
    const section = await screen.findByRole('region', { name: '賛同の多い検討中の提案' });
    const link = await within(section).findByRole('link', { name: 'R6-0031 会議資料のペーパレス化' });
    expect(link.getAttribute('href')).toContain('/proposals/00000000-0000-4000-8000-00000000a001');
    expect(section.textContent).toContain('賛同 12人');
  });

  it('staff do not see it (nor ask for it)', async () => {
    const fake = fakeApi({ 'GET /api/dashboard': () => dashboardFixture() });
    renderPage(<DashboardPage />, {
      api: fake.api,
      user: staffUser,
      path: '/dashboard',
      route: '/dashboard',
    });
    await screen.findByRole('table', { name: '提案の状況' });
    expect(screen.queryByRole('region', { name: '賛同の多い検討中の提案' })).toBeNull();
    expect(fake.calls.map((call) => call.path)).not.toContain('/api/dashboard/top-supported');
  });
});

describe('the engagement API client: one function per endpoint', () => {
  it('sends each request to its method and path', async () => {
    const echo: ApiHandler = (call) => call;
    const { api, calls } = fakeApi(
      new Proxy({} as Record<string, ApiHandler>, { get: () => echo, has: () => true }),
    );
    const id = 'a/b';
    await setSupport(api, id, true);
    await setSupport(api, id, false);
    await setFollow(api, id, true);
    await setFollow(api, id, false);
    await getNotificationPreference(api);
    await setNotificationPreference(api, 'none');
    await getTopSupportedProposals(api);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'PUT /api/proposals/a%2Fb/support',
      'DELETE /api/proposals/a%2Fb/support',
      'PUT /api/proposals/a%2Fb/follow',
      'DELETE /api/proposals/a%2Fb/follow',
      'GET /api/me/notification-preference',
      'PUT /api/me/notification-preference',
      'GET /api/dashboard/top-supported',
    ]);
    expect(calls[5]!.options).toEqual({ body: { preference: 'none' } });
  });
});
