import {
  initialProposalCategoryCodes,
  type BlockReason,
  type Horizon,
  type InitialProposalCategory,
  type ProposalStatus,
} from '#shared';
import { laterInYear, projectsChosenAt } from './demo-calendar';
import { answerFor } from './demo-proposal-answers';
import { blockNotes, categoryTexts, closings, type CategoryTexts } from './demo-proposal-texts';
import { tokyoTime, type Random } from './demo-random';
import { planDemoYear, type PlanExample, type YearPlan } from './demo-year-plan';

/** A generated proposal; people are e-mail addresses and the merge target an index, resolved on insert. */
export interface DemoProposal {
  submittedAt: Date;
  title: string;
  body: string;
  category: InitialProposalCategory;
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

const fill = (template: string, random: Random) =>
  template.replace('{n}', String(random.pick([5, 10, 15, 20, 30, 40, 50, 60, 80, 100, 120, 200])));

const publishChance: Record<ProposalStatus, number> = {
  realised: 0.85,
  settled: 0.6,
  under_consideration: 0.15,
  blocked: 0.1,
  received: 0,
  withdrawn: 0,
  merged: 0,
};

export interface DemoProposalOptions {
  /** Everyone who may propose (staff and the staff personas). */
  proposers: readonly string[];
  /** Proposers who should own a handful of proposals each (the demo sign-in personas). */
  featuredProposers: readonly string[];
}

const categoryWeights = initialProposalCategoryCodes.map(
  (category) => [category, categoryTexts[category].weight] as const,
);

/**
 * Everything below draws from the one seeded generator: the steps run in a fixed order (proposer,
 * category, texts, co-proposers, decision, answer) so the same seed gives the same year.
 */

/** A few slots go to the featured personas, so each demo sign-in owns some proposals. */
const proposerOf = (random: Random, index: number, options: DemoProposalOptions) => {
  const featuredRank = index % 97 === 10 ? 0 : index % 131 === 20 ? 1 : undefined;
  const featured = featuredRank === undefined ? undefined : options.featuredProposers[featuredRank];
  return { featured, proposerEmail: featured ?? random.pick(options.proposers) };
};

/** A merged proposal is a duplicate: merged into the nearest earlier open proposal of the same category. */
const categoryAndMergeTarget = (
  random: Random,
  status: ProposalStatus,
  example: PlanExample | undefined,
  earlier: readonly DemoProposal[],
): { category: InitialProposalCategory; mergedInto: number | null } => {
  const drawn: InitialProposalCategory = example?.category ?? random.weighted(categoryWeights);
  if (status !== 'merged') return { category: drawn, mergedInto: null };
  const candidates = earlier
    .map((proposal, at) => ({ proposal, at }))
    .filter(({ proposal }) => proposal.status !== 'merged' && proposal.status !== 'withdrawn');
  const target = candidates.filter(({ proposal }) => proposal.category === drawn).pop() ?? candidates.pop();
  if (!target) throw new Error('A merged demo proposal needs an earlier proposal');
  return { category: target.proposal.category, mergedInto: target.at };
};

/** Title, body and expected effect: the plan's example, the merge target's title, or built from the category's texts. */
const writeProposal = (
  random: Random,
  texts: CategoryTexts,
  example: PlanExample | undefined,
  mergedTitle: string | undefined,
) => {
  const title =
    example?.title ?? mergedTitle ?? `${random.pick(texts.subjects)}${random.pick(texts.actions)}`;
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
  return { title, body, expectedEffect };
};

/** Some proposals are joint; a featured persona's are often joint with the other persona. */
const coProposersOf = (
  random: Random,
  proposerEmail: string,
  featured: string | undefined,
  options: DemoProposalOptions,
): string[] => {
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
  return coProposerEmails;
};

/**
 * The office's decision on a proposal: when (null while 受付), and for triaged ones the horizon, the
 * responsible division, the block reason and revisit date, and the priority projects it is linked to.
 */
const decide = (
  random: Random,
  plan: YearPlan,
  index: number,
  texts: CategoryTexts,
  example: PlanExample | undefined,
) => {
  const submittedAt = plan.dates[index]!;
  const status = plan.statuses[index]!;
  const processed = status !== 'received';
  // The plan reports its examples as realised by R6.6.
  const exampleDecision = example
    ? tokyoTime(2024, 6, 3 + [...plan.exampleAt.keys()].indexOf(index) * 5, 10, 0)
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
  const blockReason = status === 'blocked' ? plan.blockReasons.pop()! : null;
  const revisitOn =
    blockReason && random.chance(0.6) ? random.pick(['2025-04-01', '2025-10-01', '2026-04-01']) : null;
  const linkable = triaged && !(decidedAt! < projectsChosenAt && !example);
  const projects = example
    ? [...example.projects]
    : linkable && texts.projects.length > 0 && random.chance(0.4)
      ? [random.pick(texts.projects)]
      : [];
  return { decidedAt, horizon, responsibleDivision, realisedAt, blockReason, revisitOn, projects };
};

/** The year's proposal at `index`, given the ones before it (a merged proposal points back to one of them). */
const demoProposalAt = (
  random: Random,
  plan: YearPlan,
  index: number,
  earlier: readonly DemoProposal[],
  options: DemoProposalOptions,
): DemoProposal => {
  const submittedAt = plan.dates[index]!;
  const status = plan.statuses[index]!;
  const example = plan.exampleAt.get(index);
  const { featured, proposerEmail } = proposerOf(random, index, options);
  const { category, mergedInto } = categoryAndMergeTarget(random, status, example, earlier);
  const texts = categoryTexts[category];
  const mergedTitle = mergedInto === null ? undefined : earlier[mergedInto]!.title;
  const { title, body, expectedEffect } = writeProposal(random, texts, example, mergedTitle);
  const coProposerEmails = coProposersOf(random, proposerEmail, featured, options);
  const decision = decide(random, plan, index, texts, example);
  const { decidedAt, horizon, responsibleDivision, realisedAt, blockReason, revisitOn } = decision;
  return {
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
    // Drawn in this order (note, answer, publication): the object's properties are evaluated in order.
    blockReasonNote: blockReason ? random.pick(blockNotes[blockReason]) : null,
    revisitOn,
    answer: example
      ? example.answer
      : answerFor(random, { status, responsibleDivision, horizon, realisedAt, revisitOn, blockReason }),
    decidedAt,
    realisedAt,
    mergedInto,
    projects: decision.projects,
    isPublished: example ? true : random.chance(publishChance[status]),
  };
};

/** The demo year's proposals in submission order (their numbers follow this order). */
export const generateDemoProposals = (random: Random, options: DemoProposalOptions): DemoProposal[] => {
  const plan = planDemoYear(random);
  const proposals: DemoProposal[] = [];
  for (let index = 0; index < plan.total; index += 1) {
    proposals.push(demoProposalAt(random, plan, index, proposals, options));
  }
  return proposals;
};
