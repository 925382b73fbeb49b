import {
  AppError,
  formatPriorityProjectCode,
  parseFiscalYear,
  parseProposalNumber,
  type Actor,
} from '#shared';
import type { Executor } from '../../data/database';
import { findPriorityProjects } from '../../data/repositories/priority-projects-repository';
import { findProposalIdsByNumbers } from '../../data/repositories/proposals-repository';
import { audienceOf, canSeeProposal } from '../proposals/proposal-access';
import { loadProposal } from '../proposals/proposal-reads';

/**
 * 「この提案について」: what a stamp may refer to — a proposal the sender may see (by its number,
 * R6-0012) or a priority project (重点案件, by its code, R6-1-2; the list is public). Resolved once,
 * when the stamp is sent; the stamp stores the id.
 */
export type StampSubject =
  | { kind: 'proposal'; proposalId: string; code: string; title: string; isPublished: boolean }
  | { kind: 'project'; priorityProjectId: string; code: string; title: string };

const invalid = (message: string): AppError =>
  new AppError('VALIDATION', { userMessage: message, details: [{ path: 'about', message }] });

const projectCode = /^([A-Za-z]\d{1,2})-(\d{1,2})-(\d{1,2})$/;

/** The subject `about` names, or undefined when it is empty; VALIDATION when it names nothing visible. */
export const resolveStampSubject = async (
  db: Executor,
  sender: Actor,
  about: string | undefined,
): Promise<StampSubject | undefined> => {
  const text = about?.normalize('NFKC').trim().toUpperCase();
  if (!text) return undefined;
  if (parseProposalNumber(text)) {
    const id = (await findProposalIdsByNumbers(db, [text])).get(text);
    const proposal = id ? await loadProposal(db, id) : undefined;
    if (!proposal || !canSeeProposal(sender, audienceOf(proposal))) {
      throw invalid(`提案「${text}」が見つかりません。提案番号を確かめてください。`);
    }
    return {
      kind: 'proposal',
      proposalId: proposal.id,
      code: proposal.number,
      title: proposal.title,
      isPublished: proposal.isPublished,
    };
  }
  const match = projectCode.exec(text);
  const fiscalYear = match ? parseFiscalYear(match[1]!) : undefined;
  if (match && fiscalYear !== undefined) {
    const [themeNo, itemNo] = [Number(match[2]), Number(match[3])];
    const project = (await findPriorityProjects(db, fiscalYear)).find(
      (candidate) => candidate.themeNo === themeNo && candidate.itemNo === itemNo,
    );
    if (!project) throw invalid(`重点案件「${text}」が見つかりません。番号を確かめてください。`);
    return {
      kind: 'project',
      priorityProjectId: project.id,
      code: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
      title: project.title,
    };
  }
  throw invalid(
    '「この提案について」には提案番号（例：R6-0012）か重点案件の番号（例：R6-1-2）を入力してください。',
  );
};

/**
 * How a stamp card names its subject for the recipient: a proposal's title only when it is published
 * (the recipient may not be allowed to see an unpublished one), a project's always.
 */
export const stampSubjectLabel = (subject: StampSubject | undefined): string | undefined => {
  if (!subject) return undefined;
  if (subject.kind === 'project') return `重点案件 ${subject.code} ${subject.title}`;
  return subject.isPublished ? `提案 ${subject.code} ${subject.title}` : `提案 ${subject.code}`;
};
