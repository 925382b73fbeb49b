import {
  activeStampKinds,
  defaultFiscalYear,
  offeredFiscalYears,
  type FiscalYearListDto,
  fiscalYearLabel,
  fiscalYearOf,
  type StampKind,
} from '#shared';
import type { Database } from '../../data/database';
import { findFiscalYearsWithData } from '../../data/repositories/dashboard-repository';
import { findDivisions } from '../../data/repositories/divisions-repository';
import {
  findProposalFormChoices,
  type ProposalFormChoiceRows,
} from '../../data/repositories/proposal-form-choices-repository';
import { findStampKinds } from '../../data/repositories/stamps-repository';
import { findColleaguesForPicker } from '../../data/repositories/user-divisions-repository';

export interface Choice {
  value: string;
  label: string;
}

/** What the proposal form offers: categories and the current fiscal year's priority projects. */
export const getProposalFormOptions = async (db: Database, now = new Date()) => {
  const fiscalYear = fiscalYearOf(now);
  return proposalFormOptionsOf(fiscalYear, await findProposalFormChoices(db, fiscalYear));
};

export type ProposalFormOptions = ReturnType<typeof proposalFormOptionsOf>;

/** The form's options from its choices as read (also read with the similar check, see similar-proposals.ts). */
export const proposalFormOptionsOf = (
  fiscalYear: number,
  { categories, projects }: ProposalFormChoiceRows,
) => ({
  fiscalYear,
  fiscalYearLabel: fiscalYearLabel(fiscalYear),
  // New proposals take active categories only; retired ones stay on the proposals that have them.
  categories: categories.map((category) => ({ value: category.code, label: category.label })),
  projects: projects.map((project) => ({
    id: project.id,
    label: `${project.themeNo}-${project.itemNo} ${project.title}`,
  })),
});

/** The years a picker offers and the one a page opens on (see defaultFiscalYear). */
export const getFiscalYears = async (db: Database, now: Date): Promise<FiscalYearListDto> => {
  const currentFiscalYear = fiscalYearOf(now);
  const years = await findFiscalYearsWithData(db);
  return {
    currentFiscalYear,
    defaultFiscalYear: defaultFiscalYear(currentFiscalYear, years),
    items: offeredFiscalYears(currentFiscalYear, years, currentFiscalYear),
  };
};

export const getActiveStampKinds = async (db: Database): Promise<StampKind[]> =>
  activeStampKinds(await findStampKinds(db));

export const getDivisionChoices = async (db: Database): Promise<Choice[]> =>
  (await findDivisions(db)).map((division) => ({ value: division.id, label: division.name }));

/** Up to 100 colleagues for the stamp form's fallback list (no people picker outside Teams). */
export const getColleagueChoices = async (
  db: Database,
  user: { id: string; divisionId: string | null },
): Promise<Choice[]> =>
  (
    await findColleaguesForPicker(db, { excludeUserId: user.id, divisionId: user.divisionId, limit: 100 })
  ).map((colleague) => ({
    value: colleague.aadObjectId,
    label: colleague.divisionName
      ? `${colleague.displayName}（${colleague.divisionName}）`
      : colleague.displayName,
  }));
