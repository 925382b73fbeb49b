import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTabRouter } from '../../tab/src/app/routes';
import { SessionContext, type Session } from '../../tab/src/auth/session-context';
import { prefetchApiQuery, useApiQuery } from '../../tab/src/hooks/useApiQuery';
import { dashboardFixture } from './dashboard-fixture';
import { fakeApi, officeUser, renderPage } from './render';

/**
 * The dashboard's figures are asked for by its route while the page's chunk loads, and the page takes
 * that answer (useApiQuery's prefetch): one request, not two, and never someone else's or a stale one.
 */
const dashboardCalls = (calls: { path: string }[]) => calls.filter((call) => call.path === '/api/dashboard');

afterEach(() => {
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('dashboard through the tab router', () => {
  it('asks for the figures once: the route asks while the page loads, the page takes the answer', async () => {
    window.history.replaceState(null, '', '/tab/dashboard?fiscalYear=2024');
    const { api, calls } = fakeApi({
      'GET /api/dashboard': () => dashboardFixture(2024),
      'GET /api/dashboard/top-supported': () => ({ items: [] }),
    });
    const session: Session = {
      api,
      user: officeUser,
      config: { authMode: 'development' },
      teams: undefined,
      signOut: () => {},
    };
    // The router starts on creation: the figures are asked for before any page has rendered.
    const router = createTabRouter(session);
    await waitFor(() => expect(dashboardCalls(calls)).toHaveLength(1));
    render(
      <FluentProvider theme={teamsLightTheme}>
        <SessionContext.Provider value={session}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </FluentProvider>,
    );
    const table = await screen.findByRole('table', { name: '提案の状況' });
    expect(table.textContent).toContain('648');
    expect(dashboardCalls(calls).map((call) => call.options?.query)).toEqual([
      { fiscalYear: 2024, divisionId: undefined },
    ]);
  });
});

const Probe = ({ name }: { name: string }) => {
  const { data } = useApiQuery(['probe', name], (api, signal) =>
    api.get<{ value: string }>('/api/probe', { query: { name }, signal }),
  );
  return <p>{data ? `値: ${data.value}` : '…'}</p>;
};

describe('prefetchApiQuery', () => {
  it('hands its answer to the first query with the same key and session, once', async () => {
    let answers = 0;
    const { api, calls } = fakeApi({ 'GET /api/probe': () => ({ value: `answer ${(answers += 1)}` }) });
    prefetchApiQuery(api, ['probe', 'a'], (client, signal) =>
      client.get('/api/probe', { query: { name: 'a' }, signal }),
    );
    const first = renderPage(<Probe name="a" />, { api });
    await screen.findByText('値: answer 1');
    expect(calls).toHaveLength(1);
    first.unmount();

    // Taken once: the next page with that key asks for itself.
    renderPage(<Probe name="a" />, { api });
    await screen.findByText('値: answer 2');
    expect(calls).toHaveLength(2);
  });

  it("is not used for another key, another session's client, or once it is 10 s old", async () => {
    const other = fakeApi({ 'GET /api/probe': () => ({ value: 'other session' }) });
    const { api, calls } = fakeApi({ 'GET /api/probe': () => ({ value: 'asked by the page' }) });
    const prefetchWith = (client: typeof api, name: string) =>
      prefetchApiQuery(client, ['probe', name], (c, signal) =>
        c.get('/api/probe', { query: { name }, signal }),
      );

    prefetchWith(api, 'b');
    const differentKey = renderPage(<Probe name="c" />, { api });
    await screen.findByText('値: asked by the page');
    expect(calls.map((call) => call.options?.query)).toEqual([{ name: 'b' }, { name: 'c' }]);
    differentKey.unmount();

    prefetchWith(other.api, 'd');
    const differentSession = renderPage(<Probe name="d" />, { api });
    await screen.findByText('値: asked by the page');
    expect(other.calls).toHaveLength(1);
    expect(calls).toHaveLength(3);
    differentSession.unmount();

    const now = Date.now();
    prefetchWith(other.api, 'e');
    vi.spyOn(Date, 'now').mockReturnValue(now + 10_001);
    renderPage(<Probe name="e" />, { api: other.api });
    await screen.findByText('値: other session');
    expect(other.calls).toHaveLength(3);
  });
});
