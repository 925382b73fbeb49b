import type { Locator, Page } from 'playwright-core';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalPageDto } from '#shared/tab-api';
import { callApi } from './browser';

/**
 * The 提案一覧 page through the accessible names of the tab contract (notes: tab-contract.md):
 * search box 「検索」, grid 「提案一覧」, detail 「提案の詳細」 (region or dialog) with the list 「履歴」.
 */
export const openProposalsPage = async (page: Page): Promise<void> => {
  await page.getByRole('navigation', { name: 'ページ' }).getByRole('tab', { name: '提案一覧' }).click();
  await page.waitForURL('**/tab/proposals');
  await page.getByRole('heading', { level: 1, name: '提案一覧' }).waitFor();
};

export const proposalDetail = (page: Page): Locator =>
  page
    .getByRole('region', { name: '提案の詳細' })
    .or(page.getByRole('dialog', { name: '提案の詳細' }))
    .first();

/** Searches for a proposal by its number and opens it from the grid (a click on its row). */
export const openProposalFromList = async (page: Page, number: string): Promise<Locator> => {
  await page.getByLabel('検索', { exact: true }).fill(number);
  await page.getByLabel('検索', { exact: true }).press('Enter');
  const grid = page.getByRole('grid', { name: '提案一覧' });
  const row = grid.getByRole('row').filter({ hasText: number });
  await row.first().click();
  const detail = proposalDetail(page);
  await detail.getByText(number).first().waitFor();
  return detail;
};

/** The first FY2024 proposal matching `query` (e.g. `status=received`) as `token`'s user sees it. */
export const findProposal = async (token: string, query = ''): Promise<ProposalDto> => {
  const response = await callApi(
    token,
    'GET',
    `/api/proposals?fiscalYear=2024&sort=number&direction=asc&pageSize=1${query ? `&${query}` : ''}`,
  );
  if (response.status !== 200) throw new Error(`GET /api/proposals: ${response.status}`);
  const first = ((await response.json()) as ProposalPageDto).items[0];
  if (!first) throw new Error(`no FY2024 proposal with ${query}`);
  return first;
};
