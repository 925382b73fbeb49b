import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TeamsHost } from '../../tab/src/teams/teams-host';
import { ChannelConfigPage } from '../../tab/src/pages/ChannelConfigPage';
import { apiError, fakeApi, renderPage, staffUser } from './render';

const divisions = [
  { id: '00000000-0000-4000-8000-00000000d001', name: '商工政策課' },
  { id: '00000000-0000-4000-8000-00000000d003', name: '人事課' },
];

/** A Teams host as the configuration page sees it, recording what the page asks of it. */
const fakeTeams = (overrides: Partial<TeamsHost> = {}) => {
  const configured: Parameters<TeamsHost['configureChannelTab']>[0][] = [];
  const saveStates: boolean[] = [];
  // Asserted rather than annotated: the fake stays valid while TeamsHost grows members these pages never use.
  const host = {
    theme: 'default',
    frameContext: 'settings',
    subPageId: undefined,
    pageId: undefined,
    locale: 'ja-jp',
    onThemeChange: () => {},
    getAuthToken: async () => 'token',
    authenticate: async () => {},
    notifySuccess: () => {},
    notifyFailure: () => {},
    configureChannelTab: (settings: Parameters<TeamsHost['configureChannelTab']>[0]) =>
      configured.push(settings),
    enableSave: (valid: boolean) => saveStates.push(valid),
    openLink: async () => {},
    ...overrides,
  } as TeamsHost;
  return { host, configured, saveStates };
};

const renderConfig = (teams: TeamsHost | undefined, user = staffUser) => {
  const { api, calls } = fakeApi({ 'GET /api/divisions': () => ({ items: divisions }) });
  renderPage(<ChannelConfigPage />, { api, user, path: '/config', route: '/config', session: { teams } });
  return calls;
};

describe('channel tab configuration page', () => {
  it('configures the tab for the chosen division and enables 保存', async () => {
    const { host, configured, saveStates } = fakeTeams();
    renderConfig(host, { ...staffUser, division: null });
    const select = (await screen.findByRole('combobox', { name: '課' })) as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(configured).toEqual([]);
    expect(saveStates.at(-1)).toBe(false);

    fireEvent.change(select, { target: { value: divisions[1]!.id } });
    await waitFor(() => expect(configured).toHaveLength(1));
    expect(configured[0]).toEqual({
      entityId: `team-dashboard-${divisions[1]!.id}`,
      contentUrl: `${window.location.origin}/tab/dashboard?division=${divisions[1]!.id}`,
      suggestedDisplayName: '人事課の提案状況',
    });
    expect(saveStates.at(-1)).toBe(true);
    expect(screen.getByText('タブの名前: 人事課の提案状況')).toBeTruthy();
  });

  it("starts from the user's own division", async () => {
    const own = fakeTeams();
    renderConfig(own.host);
    await waitFor(() => expect(own.configured).toHaveLength(1));
    expect(own.configured[0]!.entityId).toBe(`team-dashboard-${staffUser.division!.id}`);
    expect(own.configured[0]!.suggestedDisplayName).toBe('商工政策課の提案状況');
    expect(own.saveStates.at(-1)).toBe(true);
  });

  it('keeps the division of a tab whose settings are reopened', async () => {
    const reopened = fakeTeams({ pageId: `team-dashboard-${divisions[1]!.id}` });
    renderConfig(reopened.host);
    const select = (await screen.findByRole('combobox', { name: '課' })) as HTMLSelectElement;
    expect(select.value).toBe(divisions[1]!.id);
    await waitFor(() => expect(reopened.configured.at(-1)?.suggestedDisplayName).toBe('人事課の提案状況'));
  });

  it('keeps 保存 disabled and says so when the divisions cannot be loaded', async () => {
    const { host, configured, saveStates } = fakeTeams();
    const { api } = fakeApi({
      'GET /api/divisions': () => {
        throw apiError(503, 'UNAVAILABLE', '現在サービスを利用できません。');
      },
    });
    renderPage(<ChannelConfigPage />, { api, path: '/config', route: '/config', session: { teams: host } });
    expect((await screen.findByRole('alert')).textContent).toContain('現在サービスを利用できません。');
    expect(configured).toEqual([]);
    expect(saveStates.every((valid) => !valid)).toBe(true);
  });

  it('outside Teams says it is only for setting up a Teams channel tab', () => {
    const calls = renderConfig(undefined);
    expect(screen.getByRole('heading', { level: 1, name: 'タブの設定' })).toBeTruthy();
    expect(screen.getByText('このページは Teams のチャネルにタブを追加するときの設定画面です')).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(calls).toEqual([]);
  });
});
