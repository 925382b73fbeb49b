import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { CurrentUserDto } from '#shared/tab-api';
import type { ApiClient, RequestOptions } from '../../tab/src/api/api-client';
import { ApiError } from '../../tab/src/api/api-error';
import { SessionContext, type Session } from '../../tab/src/auth/session-context';
import { personas } from '../helpers/personas';

/**
 * Component-test harness: a page rendered with Fluent UI, a router and a session whose API client
 * answers from a table of handlers (method + path → response), recording every call. Unknown calls
 * fail the test loudly rather than returning something made up.
 */
export interface ApiCall {
  method: string;
  path: string;
  options: RequestOptions | undefined;
}

export type ApiHandler = (call: ApiCall) => unknown;

export const apiError = (status: number, code: string, message: string) =>
  new ApiError(status, code, message);

export const fakeApi = (handlers: Record<string, ApiHandler>) => {
  const calls: ApiCall[] = [];
  const respond = async (method: string, path: string, options?: RequestOptions) => {
    const call = { method, path, options };
    calls.push(call);
    const handler = handlers[`${method} ${path}`];
    if (!handler) throw new Error(`Unexpected API call: ${method} ${path}`);
    return handler(call);
  };
  const api: ApiClient = {
    get: (path, options) => respond('GET', path, options) as never,
    post: (path, options) => respond('POST', path, options) as never,
    patch: (path, options) => respond('PATCH', path, options) as never,
    put: (path, options) => respond('PUT', path, options) as never,
    delete: (path, options) => respond('DELETE', path, options) as never,
    download: (path, options) => respond('DOWNLOAD', path, options) as never,
    upload: (path, file, options) => respond('UPLOAD', path, { ...options, body: file }) as never,
  };
  return { api, calls };
};

export const staffUser: CurrentUserDto = {
  id: '00000000-0000-4000-8000-000000000001',
  aadObjectId: personas.taro.oid,
  displayName: personas.taro.name,
  email: personas.taro.email,
  roles: ['staff'],
  division: { id: '00000000-0000-4000-8000-00000000d001', name: '商工政策課' },
  liaisonDivisionIds: [],
};

export const officeUser: CurrentUserDto = {
  id: '00000000-0000-4000-8000-000000000002',
  aadObjectId: personas.kenichi.oid,
  displayName: personas.kenichi.name,
  email: personas.kenichi.email,
  roles: ['staff', 'office'],
  division: { id: '00000000-0000-4000-8000-00000000d002', name: 'やまぐちワークスタイルシフト推進室' },
  liaisonDivisionIds: [],
};

export const renderPage = (
  element: ReactElement,
  {
    api,
    user = staffUser,
    path = '/',
    route = '/',
    session,
  }: { api: ApiClient; user?: CurrentUserDto; path?: string; route?: string; session?: Partial<Session> },
): RenderResult => {
  const router = createMemoryRouter([{ path: route, element }], { initialEntries: [path] });
  const value: Session = {
    api,
    user,
    config: { authMode: 'entra' },
    teams: undefined,
    signOut: undefined,
    ...session,
  };
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <SessionContext.Provider value={value}>
        <RouterProvider router={router} />
      </SessionContext.Provider>
    </FluentProvider>,
  );
};
