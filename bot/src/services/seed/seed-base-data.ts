import {
  defaultStampKinds,
  initialProposalCategoryCodes,
  type InitialProposalCategory,
  type StampKind,
} from '#shared';
import type { Database } from '../../data/database';
import {
  insertMissingPriorityProjects,
  type PriorityProjectInput,
} from '../../data/repositories/priority-projects-repository';
import { insertMissingCategories } from '../../data/repositories/master-data-repository';
import { insertMissingStampKinds } from '../../data/repositories/stamps-repository';

const initialCategoryLabels: Record<InitialProposalCategory, string> = {
  paperless: 'ペーパレス化',
  digital: 'デジタル・ＤＸ',
  efficiency: '業務の効率化',
  workstyle: '柔軟な働き方・制度',
  workplace: '職場環境',
  service: '県民サービス',
  organization: '人材育成・組織',
  other: 'その他',
};

/**
 * The 分類 a new installation starts with (the list that was hard-coded before; migration 0017 moved
 * it into the table). The office renames, reorders, adds and retires them afterwards.
 */
export const initialProposalCategories = initialProposalCategoryCodes.map((code, index) => ({
  code,
  label: initialCategoryLabels[code],
  sortOrder: (index + 1) * 10,
}));

/** 令和6年度重点案件, as decided at the first PT meeting (R6.8.6) of the plan. */
export const fy2024PriorityProjects: PriorityProjectInput[] = [
  {
    fiscalYear: 2024,
    themeNo: 1,
    themeTitle: '業務の見直し・ＤＸ等による効率化・高度化した働き方への転換',
    itemNo: 1,
    title: '利便性とセキュリティを両立させるＤＸプラットフォームの構築',
    description: '新たなＤＸプラットフォーム導入に向けた実証、クラウド化を見据えたセキュリティ環境検討等',
  },
  {
    fiscalYear: 2024,
    themeNo: 1,
    themeTitle: '業務の見直し・ＤＸ等による効率化・高度化した働き方への転換',
    itemNo: 2,
    title: 'デジタルツールの利活用環境の構築・利活用推進',
    description: '業務アプリ作成ツールの実証、業務に必要なデジタルスキル習得支援の検討等',
  },
  {
    fiscalYear: 2024,
    themeNo: 1,
    themeTitle: '業務の見直し・ＤＸ等による効率化・高度化した働き方への転換',
    itemNo: 3,
    title: 'フロントヤード・バックヤードＤＸ',
    description: '窓口キャッシュレス化の推進、補助金業務の効率化の検討等',
  },
  {
    fiscalYear: 2024,
    themeNo: 2,
    themeTitle: 'ワークライフバランス実現に向けた多様で柔軟な働き方の推進',
    itemNo: 1,
    title: 'ペーパレス化の更なる推進',
    description: '予算編成事務におけるペーパレス化の検討等',
  },
  {
    fiscalYear: 2024,
    themeNo: 2,
    themeTitle: 'ワークライフバランス実現に向けた多様で柔軟な働き方の推進',
    itemNo: 2,
    title: '最適なワークプレイスの整備',
    description: '執務環境の改善、カスハラ対策の検討等',
  },
];

/**
 * What every installation starts with: the FY2024 priority projects, the categories and the default
 * stamp kinds.
 * Idempotent (inserts only what is missing), so it runs at every start; office edits are kept.
 */
export const seedBaseData = async (
  db: Database,
  data: { projects?: PriorityProjectInput[]; stampKinds?: readonly StampKind[] } = {},
): Promise<void> => {
  await db.transaction(async (tx) => {
    await insertMissingCategories(tx, initialProposalCategories);
    await insertMissingStampKinds(tx, data.stampKinds ?? defaultStampKinds);
    await insertMissingPriorityProjects(tx, data.projects ?? fy2024PriorityProjects);
  });
};
