import {
  eraYearLabel,
  proposalCategories,
  tokyoDate,
  type BlockReason,
  type Horizon,
  type ProposalCategory,
  type ProposalStatus,
} from '#shared';
import { addDays, tokyoTime, type Random } from './demo-random';
import { blockNotes, categoryTexts, closings, horizonPhrases, planExamples } from './demo-proposal-texts';

/**
 * FY2024 (令和6年度) as the plan reports it: 191 実現完了（又は見込み）, 377 検討中等 and 80 その他,
 * 648 in all, plus a few withdrawn and merged proposals that leave the count.
 */
export const demoFiscalYear = 2024;

export const demoStatusCounts: Record<ProposalStatus, number> = {
  realised: 118,
  settled: 73,
  under_consideration: 235,
  received: 142,
  blocked: 80,
  withdrawn: 7,
  merged: 5,
};

export const demoBlockReasonCounts: Record<BlockReason, number> = {
  legal: 22,
  security: 26,
  budget: 14,
  system: 12,
  other: 6,
};

/** A generated proposal; people are e-mail addresses and the merge target an index, resolved on insert. */
export interface DemoProposal {
  submittedAt: Date;
  title: string;
  body: string;
  category: ProposalCategory;
  expectedEffect: string | null;
  proposerEmail: string;
  coProposerEmails: string[];
  responsibleDivision: string | null;
  horizon: Horizon | null;
  status: ProposalStatus;
  blockReason: BlockReason | null;
  blockReasonNote: string | null;
  revisitOn: string | null;
  answer: string | null;
  /** When the office decided the current status (null while 受付). */
  decidedAt: Date | null;
  realisedAt: Date | null;
  /** Index of the proposal this one was merged into (always an earlier one). */
  mergedInto: number | null;
  /** Priority projects of the fiscal year as (theme, item). */
  projects: (readonly [number, number])[];
  isPublished: boolean;
}

const fiscalYearEnd = tokyoTime(2025, 3, 31, 18, 0);
/** The first project team meeting (R6.8.6) chose the priority projects; links come after it. */
const projectsChosenAt = tokyoTime(2024, 8, 7, 10, 0);

/** Submissions are busiest in spring and after the summer; month numbers in fiscal-year order. */
const monthWeights: readonly (readonly [readonly [number, number], number])[] = [
  [[2024, 4], 13],
  [[2024, 5], 11],
  [[2024, 6], 10],
  [[2024, 7], 9],
  [[2024, 8], 7],
  [[2024, 9], 9],
  [[2024, 10], 10],
  [[2024, 11], 9],
  [[2024, 12], 7],
  [[2025, 1], 8],
  [[2025, 2], 9],
  [[2025, 3], 8],
];

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const isWeekend = (year: number, month: number, day: number) => {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** A working-hours instant in a random month of FY2024, mostly on weekdays. */
const submissionTime = (random: Random): Date => {
  const [year, month] = random.weighted(monthWeights);
  let day = random.int(1, daysInMonth(year, month));
  while (isWeekend(year, month, day) && random.chance(0.85)) day = random.int(1, daysInMonth(year, month));
  return tokyoTime(year, month, day, random.int(8, 18), random.int(0, 59));
};

/** Between a few days and a few months later, inside the fiscal year. */
const laterInYear = (random: Random, from: Date, minDays: number, maxDays: number): Date => {
  const candidate = addDays(from, random.int(minDays, maxDays) + random.next());
  if (candidate <= fiscalYearEnd) return candidate;
  const latest = Math.max(fiscalYearEnd.getTime(), from.getTime() + 3_600_000);
  return new Date(from.getTime() + (latest - from.getTime()) * (0.5 + random.next() / 2));
};

const monthLabel = (date: Date) => `${eraYearLabel(date)}${tokyoDate(date).month}月`;

const fill = (template: string, random: Random) =>
  template.replace('{n}', String(random.pick([5, 10, 15, 20, 30, 40, 50, 60, 80, 100, 120, 200])));

/**
 * Where each status typically sits in the year: early proposals are more often settled, late ones
 * still 受付. Each slot gets its status's position plus noise and the slots are dealt in date order.
 */
const typicalPosition: Record<ProposalStatus, number> = {
  realised: 0.3,
  settled: 0.42,
  blocked: 0.45,
  withdrawn: 0.5,
  merged: 0.5,
  under_consideration: 0.55,
  received: 0.78,
};

const dealStatuses = (random: Random): ProposalStatus[] => {
  const slots = (Object.entries(demoStatusCounts) as [ProposalStatus, number][]).flatMap(([status, count]) =>
    Array.from({ length: count }, () => ({ status, key: typicalPosition[status] + (random.next() - 0.5) })),
  );
  return slots.sort((a, b) => a.key - b.key).map((slot) => slot.status);
};

const publishChance: Record<ProposalStatus, number> = {
  realised: 0.85,
  settled: 0.6,
  under_consideration: 0.15,
  blocked: 0.1,
  received: 0,
  withdrawn: 0,
  merged: 0,
};

const blockedBecause: Record<BlockReason, string> = {
  legal: '法律上の制約があるため',
  security: 'セキュリティ上の課題があるため',
  budget: '多額の予算の確保が必要となるため',
  system: 'システムの改修が必要となるため',
  other: '国や関係機関との調整が必要なため',
};

const answerFor = (
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

export interface DemoProposalOptions {
  /** Everyone who may propose (staff and the staff personas). */
  proposers: readonly string[];
  /** Proposers who should own a handful of proposals each (the demo sign-in personas). */
  featuredProposers: readonly string[];
}

/** The demo year's proposals in submission order (their numbers follow this order). */
export const generateDemoProposals = (random: Random, options: DemoProposalOptions): DemoProposal[] => {
  const total = Object.values(demoStatusCounts).reduce((sum, count) => sum + count, 0);
  const dates = Array.from({ length: total }, () => submissionTime(random)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  const statuses = dealStatuses(random);
  const blockReasons = random.shuffle(
    (Object.entries(demoBlockReasonCounts) as [BlockReason, number][]).flatMap(([reason, count]) =>
      Array<BlockReason>(count).fill(reason),
    ),
  );
  const categoryWeights = proposalCategories.map(
    (category) => [category, categoryTexts[category].weight] as const,
  );
  // The plan's realised examples go to the earliest realised proposals.
  const exampleAt = new Map<number, (typeof planExamples)[number]>();
  statuses.forEach((status, index) => {
    if (status === 'realised' && exampleAt.size < planExamples.length && index > 0) {
      exampleAt.set(index, planExamples[exampleAt.size]!);
    }
  });

  const proposals: DemoProposal[] = [];
  for (let index = 0; index < total; index += 1) {
    const submittedAt = dates[index]!;
    const status = statuses[index]!;
    const example = exampleAt.get(index);
    const featuredRank = index % 97 === 10 ? 0 : index % 131 === 20 ? 1 : undefined;
    const featured = featuredRank === undefined ? undefined : options.featuredProposers[featuredRank];
    const proposerEmail = featured ?? random.pick(options.proposers);

    let category: ProposalCategory = example?.category ?? random.weighted(categoryWeights);
    let mergedInto: number | null = null;
    if (status === 'merged') {
      // A duplicate: merged into the nearest earlier open proposal of the same category.
      const candidates = proposals
        .map((proposal, at) => ({ proposal, at }))
        .filter(({ proposal }) => proposal.status !== 'merged' && proposal.status !== 'withdrawn');
      const target =
        candidates.filter(({ proposal }) => proposal.category === category).pop() ?? candidates.pop();
      if (!target) throw new Error('A merged demo proposal needs an earlier proposal');
      mergedInto = target.at;
      category = target.proposal.category;
    }
    const texts = categoryTexts[category];
    const title =
      example?.title ??
      (mergedInto !== null
        ? proposals[mergedInto]!.title
        : `${random.pick(texts.subjects)}${random.pick(texts.actions)}`);
    const body =
      example?.body ??
      [
        `現状、${random.pick(texts.problems)}。`,
        `「${title}」を提案します。${random.pick(texts.details)}`,
        random.pick(closings),
      ]
        .filter(Boolean)
        .join('\n');
    const expectedEffect =
      example?.expectedEffect ?? (random.chance(0.85) ? fill(random.pick(texts.effects), random) : null);

    const coProposerEmails: string[] = [];
    if (random.chance(0.12) || (featured && random.chance(0.5))) {
      const wanted = random.int(1, 3);
      while (coProposerEmails.length < wanted) {
        const candidate =
          featured && coProposerEmails.length === 0 && options.featuredProposers.length > 1
            ? options.featuredProposers.find((email) => email !== proposerEmail)!
            : random.pick(options.proposers);
        if (candidate !== proposerEmail && !coProposerEmails.includes(candidate)) {
          coProposerEmails.push(candidate);
        }
      }
    }

    const processed = status !== 'received';
    // The plan reports its examples as realised by R6.6.
    const exampleDecision = example
      ? tokyoTime(2024, 6, 3 + [...exampleAt.keys()].indexOf(index) * 5, 10, 0)
      : undefined;
    const decidedAt = !processed
      ? null
      : exampleDecision && exampleDecision > submittedAt
        ? exampleDecision
        : laterInYear(
            random,
            submittedAt,
            status === 'under_consideration' || status === 'withdrawn' ? 5 : 20,
            120,
          );
    const triaged = processed && status !== 'withdrawn' && status !== 'merged';
    const horizon: Horizon | null =
      triaged && status !== 'blocked'
        ? random.weighted([
            ['short', 5],
            ['medium', 3],
            ['long', 1],
          ] as const)
        : null;
    const responsibleDivision = triaged
      ? (example?.responsibleDivision ?? random.pick(texts.responsibleDivisions))
      : null;
    const realisedAt = status === 'realised' || status === 'settled' ? decidedAt : null;
    const blockReason = status === 'blocked' ? blockReasons.pop()! : null;
    const revisitOn =
      blockReason && random.chance(0.6) ? random.pick(['2025-04-01', '2025-10-01', '2026-04-01']) : null;
    const linkable = triaged && !(decidedAt! < projectsChosenAt && !example);
    const projects = example
      ? [...example.projects]
      : linkable && texts.projects.length > 0 && random.chance(0.4)
        ? [random.pick(texts.projects)]
        : [];

    proposals.push({
      submittedAt,
      title,
      body,
      category,
      expectedEffect,
      proposerEmail,
      coProposerEmails,
      responsibleDivision,
      horizon,
      status,
      blockReason,
      blockReasonNote: blockReason ? random.pick(blockNotes[blockReason]) : null,
      revisitOn,
      answer: example
        ? example.answer
        : answerFor(random, { status, responsibleDivision, horizon, realisedAt, revisitOn, blockReason }),
      decidedAt,
      realisedAt,
      mergedInto,
      projects,
      isPublished: example ? true : random.chance(publishChance[status]),
    });
  }
  return proposals;
};

/** Links are made by the project team after it chose the projects (R6.8.6). */
export const linkTime = (decidedAt: Date): Date =>
  decidedAt > projectsChosenAt ? decidedAt : projectsChosenAt;
