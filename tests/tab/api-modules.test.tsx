import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCategories, listDivisions, listFiscalYears, listStampKinds } from '../../tab/src/api/catalog';
import { downloadCollectionWorkbook, getCollection } from '../../tab/src/api/collection';
import { getDashboard } from '../../tab/src/api/dashboard';
import { devSignIn, listDemoUsers } from '../../tab/src/api/dev';
import { getCurrentUser } from '../../tab/src/api/me';
import {
  copyPriorityProjects,
  createPriorityProject,
  getPriorityProject,
  listPriorityProjects,
  postProgressUpdate,
  updatePriorityProject,
} from '../../tab/src/api/projects';
import {
  bulkChangeStatus,
  changeProposal,
  exportProposalsCsv,
  getProposal,
  getProposalHistory,
  importProposalsCsv,
  linkProject,
  listProposals,
  mergeProposals,
  unlinkProject,
  withdrawProposal,
} from '../../tab/src/api/proposals';
import {
  createCategory,
  createStampKind,
  listAllStampKinds,
  listMasterDataChanges,
  reorderCategories,
  reorderStampKinds,
  updateCategory,
  updateStampKind,
} from '../../tab/src/api/master-data';
import { listAdminUsers, listRoleChanges, setUserRoles } from '../../tab/src/api/role-admin';
import { fakeApi, type ApiHandler } from './render';

/** Answers every call with its own description, so each function's request can be read back. */
const echoApi = () => {
  const echo: ApiHandler = (call) => call;
  return new Proxy({} as Record<string, ApiHandler>, { get: () => echo, has: () => true });
};

const id = '00000000-0000-4000-8000-000000000001';
const projectId = '00000000-0000-4000-8000-00000000p001';
const signal = new AbortController().signal;

describe('the tab API client: one function per endpoint', () => {
  const { api, calls } = fakeApi(echoApi());
  const requests = [
    () => getCurrentUser(api),
    () => listDivisions(api, signal),
    () => listStampKinds(api),
    () => getDashboard(api, { fiscalYear: 2024, divisionId: undefined }, signal),
    () => listProposals(api, { q: '経費', page: 2, pageSize: 20 }, signal),
    () => getProposal(api, id, signal),
    () => getProposalHistory(api, id),
    () => changeProposal(api, id, { version: 3, status: 'settled' }),
    () => withdrawProposal(api, id, { version: 3 }),
    () => mergeProposals(api, id, { version: 3, intoId: projectId }),
    () => linkProject(api, id, projectId),
    () => unlinkProject(api, id, projectId),
    () => bulkChangeStatus(api, { items: [{ id, version: 3 }], status: 'realised' }),
    () => exportProposalsCsv(api, { status: ['settled'] }),
    () => importProposalsCsv(api, new Blob(['a']), { dryRun: true }),
    () => importProposalsCsv(api, new Blob(['a']), { dryRun: false }),
    () => listPriorityProjects(api, 2024, signal),
    () => getPriorityProject(api, projectId),
    () =>
      createPriorityProject(api, { fiscalYear: 2024, themeNo: 1, itemNo: 1, themeTitle: 't', title: 't' }),
    () => updatePriorityProject(api, projectId, { version: 2, title: 't' }),
    () => postProgressUpdate(api, projectId, { progress: 50, status: 'in_progress' }),
    () => copyPriorityProjects(api, { fromFiscalYear: 2024, toFiscalYear: 2025 }),
    () => listAdminUsers(api, { q: '山口', role: 'office', page: 1, pageSize: 20 }),
    () => setUserRoles(api, id, { roles: ['office'], expectedRoles: [] }),
    () => listRoleChanges(api, { page: 1, pageSize: 20 }),
    () => listFiscalYears(api, signal),
    () => listCategories(api, signal),
    () => createCategory(api, { code: 'telework', label: 'テレワーク' }),
    () => updateCategory(api, 'a/b', { isActive: false }),
    () => reorderCategories(api, ['other', 'digital']),
    () => listAllStampKinds(api, signal),
    () => createStampKind(api, { code: 'lunch', label: 'ランチ', emoji: '🍱', purpose: 'one_on_one' }),
    () => updateStampKind(api, 'nice', { emoji: '👏' }),
    () => reorderStampKinds(api, ['nice']),
    () => listMasterDataChanges(api, 'stamp_kind', signal),
    () => getCollection(api, 2024, signal),
    () => downloadCollectionWorkbook(api, 2024),
  ];

  it('sends each request to its method and path, with its query, body and signal', async () => {
    for (const request of requests) await request();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/me',
      'GET /api/divisions',
      'GET /api/stamp-kinds',
      'GET /api/dashboard',
      'GET /api/proposals',
      `GET /api/proposals/${id}`,
      `GET /api/proposals/${id}/history`,
      `PATCH /api/proposals/${id}`,
      `POST /api/proposals/${id}/withdraw`,
      `POST /api/proposals/${id}/merge`,
      `PUT /api/proposals/${id}/projects/${projectId}`,
      `DELETE /api/proposals/${id}/projects/${projectId}`,
      'POST /api/proposals/bulk-status',
      'DOWNLOAD /api/proposals/export.csv',
      'UPLOAD /api/proposals/import',
      'UPLOAD /api/proposals/import',
      'GET /api/priority-projects',
      `GET /api/priority-projects/${projectId}`,
      'POST /api/priority-projects',
      `PATCH /api/priority-projects/${projectId}`,
      `POST /api/priority-projects/${projectId}/progress-updates`,
      'POST /api/priority-projects/copy',
      'GET /api/admin/users',
      `PUT /api/admin/users/${id}/roles`,
      'GET /api/admin/role-changes',
      'GET /api/fiscal-years',
      'GET /api/categories',
      'POST /api/master-data/categories',
      'PATCH /api/master-data/categories/a%2Fb',
      'PUT /api/master-data/categories/order',
      'GET /api/master-data/stamp-kinds',
      'POST /api/master-data/stamp-kinds',
      'PATCH /api/master-data/stamp-kinds/nice',
      'PUT /api/master-data/stamp-kinds/order',
      'GET /api/master-data/changes',
      'GET /api/collection/2024',
      'DOWNLOAD /api/collection/2024.xlsx',
    ]);
    const options = (path: string, method = 'GET') =>
      calls.find((call) => call.path === path && call.method === method)?.options;
    expect(options('/api/master-data/categories/order', 'PUT')).toEqual({
      body: { codes: ['other', 'digital'] },
    });
    expect(options('/api/master-data/changes')).toEqual({ query: { entity: 'stamp_kind' }, signal });
    expect(options('/api/dashboard')).toEqual({ query: { fiscalYear: 2024, divisionId: undefined }, signal });
    expect(options('/api/proposals')).toEqual({ query: { q: '経費', page: 2, pageSize: 20 }, signal });
    expect(options(`/api/proposals/${id}`, 'PATCH')).toEqual({ body: { version: 3, status: 'settled' } });
    expect(options(`/api/proposals/${id}/projects/${projectId}`, 'PUT')).toEqual({ body: {} });
    expect(options('/api/priority-projects')).toEqual({ query: { fiscalYear: 2024 }, signal });
    const imports = calls.filter((call) => call.method === 'UPLOAD').map((call) => call.options?.query);
    expect(imports).toEqual([{ dryRun: 'true' }, { dryRun: 'false' }]);
  });

  it('puts ids into paths as one encoded segment', async () => {
    const { api: client, calls: sent } = fakeApi(echoApi());
    await getProposal(client, '../admin/users');
    await getPriorityProject(client, 'a/b?c');
    expect(sent.map((call) => call.path)).toEqual([
      '/api/proposals/..%2Fadmin%2Fusers',
      '/api/priority-projects/a%2Fb%3Fc',
    ]);
  });
});

describe('the development sign-in calls', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the personas and signs in without a token, failing in Japanese', async () => {
    const fetchStub = vi.fn(async (path: string, init: RequestInit) =>
      path === '/api/dev/users'
        ? Response.json({ items: [] })
        : init.body === JSON.stringify({ aadObjectId: 'aad-1' })
          ? Response.json({ token: 't', tokenType: 'Bearer', expiresAt: 'x', user: {} })
          : Response.json(
              { error: { code: 'FORBIDDEN', message: 'この利用者ではサインインできません。' } },
              { status: 403 },
            ),
    );
    vi.stubGlobal('fetch', fetchStub);
    await expect(listDemoUsers()).resolves.toEqual({ items: [] });
    await expect(devSignIn('aad-1')).resolves.toMatchObject({ token: 't' });
    await expect(devSignIn('aad-2')).rejects.toThrow('この利用者ではサインインできません。');
    expect(
      fetchStub.mock.calls.map(([, init]) => (init.headers as Record<string, string>).authorization),
    ).toEqual([undefined, undefined, undefined]);
  });
});
