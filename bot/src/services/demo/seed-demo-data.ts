import { randomUUID } from 'node:crypto';
import type { ProposalStatus } from '#shared';
import type { Database, Transaction } from '../../data/database';
import { ensureDivisions } from '../../data/repositories/divisions-repository';
import {
  findPriorityProjects,
  updatePriorityProjectIfVersion,
} from '../../data/repositories/priority-projects-repository';
import { insertProgressUpdate } from '../../data/repositories/project-progress-repository';
import {
  insertCoProposerRows,
  insertProjectLinkRows,
  insertProposalRows,
} from '../../data/repositories/proposal-bulk-repository';
import { reserveProposalNumbers } from '../../data/repositories/proposal-numbering';
import { appendHistory, type HistoryEntry } from '../../data/repositories/proposal-history-repository';
import { insertStamps, linkThanksToOwnRealisedProposals } from '../../data/repositories/stamps-repository';
import { updateUserDivision } from '../../data/repositories/user-divisions-repository';
import { setUserRoles } from '../../data/repositories/user-roles-repository';
import {
  findUsersByEmails,
  insertUsersIfMissing,
  upsertUserByIdentity,
} from '../../data/repositories/users-repository';
import type { NewProposalRow } from '../../data/schema/index';
import {
  demoDivisions,
  demoMarkerEmail,
  demoTenantId,
  demoUsers,
  generateDemoStaff,
  type DemoStaff,
} from './demo-organisation';
import { linkTime } from './demo-calendar';
import { demoProjectProgress, reportTime } from './demo-project-progress';
import { generateDemoProposals, type DemoProposal } from './demo-proposals';
import { demoFiscalYear } from './demo-year-plan';
import { createRandom } from './demo-random';
import { generateDemoStamps, type DemoStamp } from './demo-stamps';
import { seedBaseData } from '../seed/seed-base-data';

export { demoTenantId, demoUsers, type DemoUser } from './demo-organisation';

export const demoStaffCount = 150;
export const demoStampCount = 3000;
const demoSeed = 20240401;

export interface DemoSeedResult {
  /** False when the demo data was already there (nothing was written). */
  created: boolean;
  users: number;
  proposals: number;
  stamps: number;
}

/** The demo's people once written: by lower-case e-mail, and the 推進室 members who act for the office. */
interface DemoPeople {
  divisionIds: Map<string, string>;
  userOf: (email: string) => { id: string; displayName: string; divisionId: string | null };
  office: { id: string }[];
  count: number;
}

/** Divisions, the sign-in personas (with their roles) and the generated staff. */
const writeDemoPeople = async (tx: Transaction, staff: DemoStaff[]): Promise<DemoPeople> => {
  // 部局 first, then their 課・室 under them (the organisation tree the 組織 page shows).
  const bureauNames = [...new Set(demoDivisions.map((division) => division.department))];
  const bureauIds = await ensureDivisions(
    tx,
    bureauNames.map((name, index) => ({
      code: `demo-${String(index + 1).padStart(2, '0')}`,
      name,
      kind: 'bureau',
      sortOrder: (index + 1) * 1000,
    })),
  );
  const divisionIds = await ensureDivisions(
    tx,
    demoDivisions.map(({ code, name, department }) => {
      const siblings = demoDivisions.filter((division) => division.department === department);
      return {
        code,
        name,
        parentId: bureauIds.get(department) ?? null,
        sortOrder:
          (bureauNames.indexOf(department) + 1) * 1000 +
          (siblings.findIndex((s) => s.name === name) + 1) * 10,
      };
    }),
  );

  // The personas may already exist (a development sign-in before the seed): link and update them.
  const usersByEmail = new Map<string, { id: string; displayName: string; divisionId: string | null }>();
  for (const persona of demoUsers) {
    const user = await upsertUserByIdentity(tx, {
      aadObjectId: persona.aadObjectId,
      tenantId: demoTenantId,
      displayName: persona.displayName,
      email: persona.email,
    });
    const divisionId = divisionIds.get(persona.division) ?? null;
    await updateUserDivision(tx, user.id, divisionId);
    await setUserRoles(tx, user.id, persona.roles, { actorId: null, reason: 'デモデータ' });
    usersByEmail.set(persona.email, { id: user.id, displayName: persona.displayName, divisionId });
  }
  const staffRows = await insertUsersIfMissing(
    tx,
    staff.map((person) => ({
      email: person.email,
      displayName: person.displayName,
      divisionId: divisionIds.get(person.division) ?? null,
    })),
  );
  for (const row of staffRows) usersByEmail.set(row.email!.toLowerCase(), row);
  const userOf = (email: string) => {
    const user = usersByEmail.get(email.toLowerCase());
    if (!user) throw new Error(`Demo user ${email} was not created`);
    return user;
  };
  const office = demoUsers.filter((user) => user.roles.includes('office')).map((user) => userOf(user.email));
  return { divisionIds, userOf, office, count: usersByEmail.size };
};

/** The proposals themselves, numbered in submission order; returns their ids in the specs' order. */
const writeDemoProposals = async (
  tx: Transaction,
  specs: DemoProposal[],
  { divisionIds, userOf }: DemoPeople,
): Promise<string[]> => {
  const numbers = await reserveProposalNumbers(tx, demoFiscalYear, specs.length);
  const ids = specs.map(() => randomUUID());
  const rows: NewProposalRow[] = specs.map((spec, index) => {
    const proposer = userOf(spec.proposerEmail);
    return {
      id: ids[index],
      fiscalYear: demoFiscalYear,
      ...numbers[index]!,
      title: spec.title,
      body: spec.body,
      category: spec.category,
      expectedEffect: spec.expectedEffect,
      proposerId: proposer.id,
      proposerName: proposer.displayName,
      proposerDivisionId: proposer.divisionId,
      responsibleDivisionId: spec.responsibleDivision
        ? (divisionIds.get(spec.responsibleDivision) ?? null)
        : null,
      horizon: spec.horizon,
      status: spec.status,
      blockReason: spec.blockReason,
      blockReasonNote: spec.blockReasonNote,
      revisitOn: spec.revisitOn,
      answer: spec.answer,
      answeredAt: spec.answer ? spec.decidedAt : null,
      mergedIntoId: spec.mergedInto === null ? null : ids[spec.mergedInto],
      isPublished: spec.isPublished,
      submittedAt: spec.submittedAt,
      realisedAt: spec.realisedAt,
      version: spec.decidedAt ? 2 : 1,
      createdAt: spec.submittedAt,
      updatedAt: spec.decidedAt ?? spec.submittedAt,
    };
  });
  await insertProposalRows(tx, rows);
  return ids;
};

/** Co-proposers, and links to the year's priority projects made by 推進室 members in turn. */
const writeDemoLinks = async (
  tx: Transaction,
  specs: DemoProposal[],
  ids: string[],
  { userOf, office }: DemoPeople,
) => {
  const projects = await findPriorityProjects(tx, demoFiscalYear);
  const projectId = ([themeNo, itemNo]: readonly [number, number]) =>
    projects.find((project) => project.themeNo === themeNo && project.itemNo === itemNo)?.id;
  await insertCoProposerRows(
    tx,
    specs.flatMap((spec, index) =>
      spec.coProposerEmails.map((email) => ({ proposalId: ids[index]!, userId: userOf(email).id })),
    ),
  );
  await insertProjectLinkRows(
    tx,
    specs.flatMap((spec, index) =>
      spec.projects.flatMap((key) => {
        const id = projectId(key);
        return id
          ? [
              {
                proposalId: ids[index]!,
                projectId: id,
                linkedBy: office[index % office.length]!.id,
                linkedAt: linkTime(spec.decidedAt ?? spec.submittedAt),
              },
            ]
          : [];
      }),
    ),
  );
};

/** Each proposal's history: its submission and, once decided, the decision (withdrawal, merge or status). */
const demoHistoryOf = (
  specs: DemoProposal[],
  ids: string[],
  { userOf, office }: DemoPeople,
): HistoryEntry[] =>
  specs.flatMap((spec, index) => {
    const proposalId = ids[index]!;
    const proposerId = userOf(spec.proposerEmail).id;
    const created: HistoryEntry = {
      proposalId,
      actorId: proposerId,
      action: 'created',
      changes: { status: { from: null, to: 'received' } },
      createdAt: spec.submittedAt,
    };
    if (!spec.decidedAt) return [created];
    const status: { from: ProposalStatus; to: ProposalStatus } = { from: 'received', to: spec.status };
    const decided: HistoryEntry =
      spec.status === 'withdrawn'
        ? { proposalId, actorId: proposerId, action: 'withdrawn', changes: { status } }
        : spec.status === 'merged'
          ? {
              proposalId,
              actorId: office[index % office.length]!.id,
              action: 'merged',
              changes: { status, mergedIntoId: { from: null, to: ids[spec.mergedInto!] } },
            }
          : {
              proposalId,
              actorId: office[index % office.length]!.id,
              action: 'status_changed',
              changes: spec.blockReason
                ? { status, blockReason: { from: null, to: spec.blockReason } }
                : { status },
            };
    return [created, { ...decided, createdAt: spec.decidedAt }];
  });

/**
 * The R6重点案件's progress: owner division, milestones, the project team's reports (by 推進室 members)
 * and the latest figures on the project. A project the office already edited is left as it is.
 */
const writeDemoProjectProgress = async (tx: Transaction, { divisionIds, office }: DemoPeople) => {
  const projects = await findPriorityProjects(tx, demoFiscalYear);
  for (const [index, plan] of demoProjectProgress.entries()) {
    const project = projects.find((row) => row.themeNo === plan.key[0] && row.itemNo === plan.key[1]);
    const latest = plan.reports.at(-1);
    if (!project || !latest || project.version !== 1) continue;
    await updatePriorityProjectIfVersion(tx, project.id, 1, {
      ownerDivisionId: divisionIds.get(plan.ownerDivision) ?? null,
      milestones: plan.milestones,
      status: latest.status,
      progress: latest.progress,
    });
    for (const report of plan.reports) {
      await insertProgressUpdate(tx, {
        projectId: project.id,
        authorId: office[index % office.length]!.id,
        progress: report.progress,
        status: report.status,
        note: report.note,
        createdAt: reportTime(report.on),
      });
    }
  }
};

/** The stamps, with each side's division at the time; returns how many were written. */
const writeDemoStamps = (tx: Transaction, stampSpecs: DemoStamp[], { userOf }: DemoPeople) =>
  insertStamps(
    tx,
    stampSpecs.map((stamp, index) => {
      const sender = userOf(stamp.senderEmail);
      const recipient = userOf(stamp.recipientEmail);
      return {
        kindCode: stamp.kindCode,
        senderId: sender.id,
        recipientId: recipient.id,
        senderDivisionId: sender.divisionId,
        recipientDivisionId: recipient.divisionId,
        message: stamp.message,
        requestId: `demo-stamp-${String(index + 1).padStart(4, '0')}`,
        sentAt: stamp.sentAt,
      };
    }),
  );

/**
 * 「この提案について」 in the demo: a thanks stamp its sender sent after one of their own proposals was
 * realised (and published) refers to the latest such proposal, so proposals' pages list thanks and
 * the dashboard's filter has something to count. Counts are unchanged (only the reference is set).
 */
const linkDemoThanks = (tx: Transaction) => linkThanksToOwnRealisedProposals(tx);

/**
 * Loads a demo prefecture for walkthroughs and development: divisions, the sign-in personas, 150 staff,
 * FY2024's proposals reproducing the plan's table (648 counted: 191 / 377 / 80) and 3,000 stamps.
 * Deterministic (seeded generator, fixed dates) and idempotent: the demo staff's presence marks it as
 * loaded. Everything beyond the base data is written in one transaction.
 */
export const seedDemoData = async (db: Database): Promise<DemoSeedResult> => {
  const nothing: DemoSeedResult = { created: false, users: 0, proposals: 0, stamps: 0 };
  await seedBaseData(db);
  if ((await findUsersByEmails(db, [demoMarkerEmail])).length > 0) return nothing;

  // Everything is generated first, in a fixed order from one seed, so the demo is the same every time.
  const random = createRandom(demoSeed);
  const staff = generateDemoStaff(random, demoStaffCount);
  const staffPersonas = demoUsers.filter((user) => user.roles.length === 0);
  const specs = generateDemoProposals(random, {
    proposers: [...staff.map((person) => person.email), ...staffPersonas.map((user) => user.email)],
    featuredProposers: staffPersonas.map((user) => user.email),
  });
  const people = [...demoUsers, ...staff];
  const stampSpecs = generateDemoStamps(
    random,
    people,
    demoUsers.map((user) => user.email),
    demoStampCount,
  );

  return db.transaction(async (tx) => {
    if ((await findUsersByEmails(tx, [demoMarkerEmail])).length > 0) return nothing;
    const written = await writeDemoPeople(tx, staff);
    const ids = await writeDemoProposals(tx, specs, written);
    await writeDemoLinks(tx, specs, ids, written);
    await appendHistory(tx, demoHistoryOf(specs, ids, written));
    await writeDemoProjectProgress(tx, written);
    const stamps = await writeDemoStamps(tx, stampSpecs, written);
    await linkDemoThanks(tx);
    return { created: true, users: written.count, proposals: specs.length, stamps };
  });
};
