import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AdoptionState } from '#shared';
import { queryRows, type Executor } from '../database';
import { divisions, proposalAdoptions, users, type ProposalAdoptionRow } from '../schema/index';
import { proposalVisibleCondition, type ProposalVisibility } from './proposal-list-filter';

export interface AdoptionWithNames extends ProposalAdoptionRow {
  divisionName: string;
  recordedByName: string | null;
}

/** A proposal's records with the division's and the recorder's names, adopted first, then by date. */
export const findAdoptionsOfProposal = async (
  db: Executor,
  proposalId: string,
): Promise<AdoptionWithNames[]> => {
  const rows = await db
    .select({ adoption: proposalAdoptions, divisionName: divisions.name, recordedByName: users.displayName })
    .from(proposalAdoptions)
    .innerJoin(divisions, eq(divisions.id, proposalAdoptions.divisionId))
    .leftJoin(users, eq(users.id, proposalAdoptions.recordedBy))
    .where(eq(proposalAdoptions.proposalId, proposalId))
    .orderBy(
      sql`case ${proposalAdoptions.state} when 'adopted' then 0 else 1 end`,
      asc(proposalAdoptions.adoptedOn),
      asc(divisions.name),
    );
  return rows.map((row) => ({
    ...row.adoption,
    divisionName: row.divisionName,
    recordedByName: row.recordedByName,
  }));
};

/** One division's record of a proposal, locked until the transaction ends. */
export const findAdoptionForUpdate = async (
  db: Executor,
  proposalId: string,
  divisionId: string,
): Promise<ProposalAdoptionRow | undefined> => {
  const [row] = await db
    .select()
    .from(proposalAdoptions)
    .where(and(eq(proposalAdoptions.proposalId, proposalId), eq(proposalAdoptions.divisionId, divisionId)))
    .for('update');
  return row;
};

export interface AdoptionValues {
  proposalId: string;
  divisionId: string;
  state: AdoptionState;
  note: string | null;
  adoptedOn: string;
  recordedBy: string;
}

/** Creates the division's record or replaces its state, note and date (one row per proposal and division). */
export const upsertAdoption = async (db: Executor, values: AdoptionValues): Promise<ProposalAdoptionRow> => {
  const [row] = await db
    .insert(proposalAdoptions)
    .values(values)
    .onConflictDoUpdate({
      target: [proposalAdoptions.proposalId, proposalAdoptions.divisionId],
      set: {
        state: values.state,
        note: values.note,
        adoptedOn: values.adoptedOn,
        recordedBy: values.recordedBy,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
};

export const deleteAdoption = async (
  db: Executor,
  proposalId: string,
  divisionId: string,
): Promise<ProposalAdoptionRow | undefined> => {
  const [row] = await db
    .delete(proposalAdoptions)
    .where(and(eq(proposalAdoptions.proposalId, proposalId), eq(proposalAdoptions.divisionId, divisionId)))
    .returning();
  return row;
};

/** Active divisions by id (those the actor may record for), with their names, in the organisation's order. */
export const findActiveDivisions = async (
  db: Executor,
  ids?: readonly string[],
): Promise<{ id: string; name: string }[]> => {
  if (ids && ids.length === 0) return [];
  return db
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.isActive, true), ids ? inArray(divisions.id, [...ids]) : undefined))
    .orderBy(asc(divisions.sortOrder), asc(divisions.name));
};

export interface AdoptionAggregateRow {
  dimension: 'proposal' | 'division' | 'total';
  proposal_id: string | null;
  division_id: string | null;
  adopted: number;
  considering: number;
  /** Rows of the same dimension (the number of proposals / divisions with records). */
  of_dimension: number;
  number: string | null;
  title: string | null;
  responsible_division_name: string | null;
  division_name: string | null;
}

/**
 * 横展開 of a period (the fiscal year's dates, `[from, until)`): records per proposal (the top `top`
 * only, most adoptions first), per division (all) and in total, as one grouped statement over the
 * adopted_on index. Proposals the viewer may not see (absent `visibleTo`: all) are left out.
 */
export const adoptionAggregateQuery = (
  range: { from: string; until: string },
  top: number,
  visibleTo: ProposalVisibility | undefined,
): SQL => {
  const a = proposalAdoptions;
  return sql`
  with grouped as (
    select
      case
        when grouping(${a.proposalId}) = 0 then 'proposal'
        when grouping(${a.divisionId}) = 0 then 'division'
        else 'total'
      end as dimension,
      ${a.proposalId} as proposal_id,
      ${a.divisionId} as division_id,
      (count(*) filter (where ${a.state} = 'adopted'))::int as adopted,
      (count(*) filter (where ${a.state} = 'considering'))::int as considering
    from ${a}
    ${visibleTo ? sql`join proposals on proposals.id = ${a.proposalId} and ${proposalVisibleCondition(visibleTo)}` : sql``}
    where ${a.adoptedOn} >= ${range.from}::date and ${a.adoptedOn} < ${range.until}::date
    group by grouping sets ((${a.proposalId}), (${a.divisionId}), ())
  ), ranked as (
    select grouped.*,
      row_number() over (partition by dimension order by adopted desc, considering desc, proposal_id, division_id) as rank,
      (count(*) over (partition by dimension))::int as of_dimension
    from grouped
  )
  select ranked.dimension, ranked.proposal_id::text, ranked.division_id::text, ranked.adopted, ranked.considering,
         ranked.of_dimension, p.number, p.title, rd.name as responsible_division_name,
         d.name as division_name
  from ranked
  left join proposals p on p.id = ranked.proposal_id
  left join divisions rd on rd.id = p.responsible_division_id
  left join divisions d on d.id = ranked.division_id
  where ranked.dimension <> 'proposal' or ranked.rank <= ${top}::int
  order by ranked.dimension, ranked.rank`;
};

export const aggregateAdoptions = (
  db: Executor,
  range: { from: string; until: string },
  top: number,
  visibleTo: ProposalVisibility | undefined,
) => queryRows<AdoptionAggregateRow>(db, adoptionAggregateQuery(range, top, visibleTo));
