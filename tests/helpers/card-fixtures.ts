import { randomUUID } from 'node:crypto';
import { defaultStampKinds, proposalLimits, type StampKind } from '#shared';
import { initialProposalCategories } from '../../bot/src/services/seed/seed-base-data';
import type { MyProposalItem, ProposalFormCardInput, StampFormCardInput } from '../../bot/src/cards/index';

/**
 * Data for the card builders' tests (tests/unit/cards/): realistic, and the worst the limits allow
 * (every field at its maximum length, in 4-byte characters or Markdown specials that double when
 * escaped).
 */

/** `n` characters of 4 bytes each in UTF-8: the heaviest text a length limit lets through. */
export const wide = (n: number): string => '𠮷'.repeat(n);
/** `n` characters alternating a 4-byte character and a Markdown special (escaped: 3 more bytes). */
export const marked = (n: number): string =>
  Array.from({ length: n }, (_, i) => (i % 2 ? '*' : '𠮷')).join('');
export const injection = '**太字** [link](http://evil) ${user.name}';

export const categories = initialProposalCategories.map((category) => ({
  value: category.code,
  label: category.label,
}));
export const projects = [
  { id: randomUUID(), label: '1-1 利便性とセキュリティを両立させるＤＸプラットフォームの構築' },
  { id: randomUUID(), label: '1-2 デジタルツールの利活用環境の構築・利活用推進' },
  { id: randomUUID(), label: '1-3 フロントヤード・バックヤードＤＸ' },
  { id: randomUUID(), label: '2-1 ペーパレス化の更なる推進' },
  { id: randomUUID(), label: '2-2 最適なワークプレイスの整備' },
];
export const manyProjects = Array.from({ length: 12 }, (_, i) => ({
  id: randomUUID(),
  label: `${i + 1}-1 ${wide(60)}`,
}));
export const requestId = 'req-8f14e45f-ea1f-4b1c-9a1f-5c3d2e1b0a99';

export const formInput = (overrides: Partial<ProposalFormCardInput> = {}): ProposalFormCardInput => ({
  requestId,
  categories,
  projects,
  fiscalYearLabel: '令和6年度',
  peoplePicker: true,
  ...overrides,
});

export const worstFormInput = (): ProposalFormCardInput => {
  const coProposers = Array.from({ length: 10 }, () => ({ id: randomUUID(), name: wide(30) }));
  return formInput({
    projects: manyProjects,
    values: {
      title: wide(proposalLimits.title),
      body: wide(proposalLimits.body),
      category: 'digital',
      expectedEffect: wide(proposalLimits.expectedEffect),
      coProposerIds: coProposers.map((person) => person.id).join(','),
      priorityProjectIds: manyProjects[0]!.id,
    },
    coProposers,
    errors: {
      title: '件名は100文字以内で入力してください。',
      body: '提案内容は2000文字以内で入力してください。',
      category: '分類の値が正しくありません。',
      expectedEffect: '期待される効果は1000文字以内で入力してください。',
      coProposerIds: '共同提案者は10人までです。',
      priorityProjectIds: '重点案件の指定が正しくありません。',
    },
    similar: Array.from({ length: 5 }, (_, i) => ({
      number: `R6-${String(i + 1).padStart(4, '0')}`,
      title: marked(proposalLimits.title),
      statusLabel: '実現完了',
    })),
  });
};

export const manyKinds: StampKind[] = Array.from({ length: 40 }, (_, i) => ({
  code: `kind-${i}`,
  label: wide(30),
  emoji: '👨‍👩‍👧‍👦',
  purpose: i === 0 ? 'one_on_one' : 'appreciation',
  isActive: true,
  sortOrder: i,
}));
export const thanks = defaultStampKinds.find((kind) => kind.code === 'thanks')!;
export const oneOnOne = defaultStampKinds.find((kind) => kind.purpose === 'one_on_one')!;

export const myItem = (i: number, overrides: Partial<MyProposalItem> = {}): MyProposalItem => ({
  id: `50000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  number: `R6-${String(i).padStart(4, '0')}`,
  title: `提案その${i}`,
  statusLabel: '検討中',
  answer: i % 2 ? null : '所管課と実現に向けて検討しています。',
  updatedAt: '2024-06-10T01:00:00Z',
  canEdit: false,
  canWithdraw: true,
  ...overrides,
});

export const stampInput = (overrides: Partial<StampFormCardInput> = {}): StampFormCardInput => ({
  requestId,
  kinds: defaultStampKinds,
  peoplePicker: true,
  ...overrides,
});

export const divisions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: randomUUID(), label: `総務部人事課職員厚生班${i}` }));
