// The office's answer to a demo proposal, worded after its status as 推進室 answers staff.
import { eraYearLabel, tokyoDate, type BlockReason } from '#shared';
import type { Random } from './demo-random';
import { horizonPhrases } from './demo-proposal-texts';
import type { DemoProposal } from './demo-proposals';

const monthLabel = (date: Date) => `${eraYearLabel(date)}${tokyoDate(date).month}月`;

const blockedBecause: Record<BlockReason, string> = {
  legal: '法律上の制約があるため',
  security: 'セキュリティ上の課題があるため',
  budget: '多額の予算の確保が必要となるため',
  system: 'システムの改修が必要となるため',
  other: '国や関係機関との調整が必要なため',
};

/** The answer for a status, or null for statuses that get none (受付, 取下げ, 統合). */
export const answerFor = (
  random: Random,
  p: Pick<DemoProposal, 'status' | 'responsibleDivision' | 'horizon' | 'realisedAt' | 'revisitOn'> & {
    blockReason: BlockReason | null;
  },
): string | null => {
  const division = p.responsibleDivision ?? '所管課';
  switch (p.status) {
    case 'under_consideration':
      return random.pick([
        `${division}において実現に向けた検討を進めています。${horizonPhrases[p.horizon ?? 'medium']}の実施を目指します。`,
        `関係課と調整のうえ、${horizonPhrases[p.horizon ?? 'medium']}の取組として検討しています。`,
        `${division}で費用対効果を含めて検討中です。検討状況は改めてお知らせします。`,
      ]);
    case 'settled':
      return random.pick([
        `令和7年度からの実施が決まりました。${division}において準備を進めています。`,
        `予算措置の見込みが立ったため、${division}において実現に向けた準備を進めています。`,
      ]);
    case 'realised':
      return random.pick([
        `${monthLabel(p.realisedAt!)}から運用を開始しました。各所属での周知・実践をお願いします。`,
        `${monthLabel(p.realisedAt!)}に実現しました。詳しくは${division}までお問い合わせください。`,
      ]);
    case 'blocked': {
      const revisit = p.revisitOn
        ? `${eraYearLabel(new Date(`${p.revisitOn}T00:00:00+09:00`))}${Number(p.revisitOn.slice(5, 7))}月頃に改めて検討します。`
        : '状況の変化を踏まえて改めて検討します。';
      return `${blockedBecause[p.blockReason!]}、現時点では検討に着手できません。${revisit}`;
    }
    default:
      return null;
  }
};
