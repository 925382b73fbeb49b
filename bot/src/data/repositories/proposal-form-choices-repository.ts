import { sql, type SQL } from 'drizzle-orm';
import { queryNamedRows, type Executor } from '../database';
import { priorityProjects, proposalCategories } from '../schema/index';

export interface ProposalFormChoiceRows {
  /** Active categories, in the office's order. */
  categories: { code: string; label: string }[];
  /** The fiscal year's priority projects, by theme and item number. */
  projects: { id: string; themeNo: number; itemNo: number; title: string }[];
}

/**
 * What the proposal form offers, as one JSON value (ProposalFormChoiceRows): a statement that reads
 * something else the form is shown with (the similar check) can return it too.
 */
export const proposalFormChoicesJson = (fiscalYear: number): SQL => sql`json_build_object(
  'categories',
  coalesce((select json_agg(json_build_object('code', c.code, 'label', c.label) order by c.sort_order, c.code)
            from ${proposalCategories} c where c.is_active), '[]'::json),
  'projects',
  coalesce((select json_agg(json_build_object('id', p.id, 'themeNo', p.theme_no, 'itemNo', p.item_no,
                                              'title', p.title)
                            order by p.theme_no, p.item_no)
            from ${priorityProjects} p where p.fiscal_year = ${fiscalYear}), '[]'::json))`;

/**
 * What the proposal form offers, in one statement: the form is rendered on every 提出する that shows
 * errors or look-alikes, and two statements cost this process two round trips. Named, so each
 * connection plans it once.
 */
export const findProposalFormChoices = async (
  db: Executor,
  fiscalYear: number,
): Promise<ProposalFormChoiceRows> => {
  const [row] = await queryNamedRows<{ choices: ProposalFormChoiceRows }>(
    db,
    'proposal_form_choices',
    sql`select ${proposalFormChoicesJson(fiscalYear)} as choices`,
  );
  return row!.choices;
};
