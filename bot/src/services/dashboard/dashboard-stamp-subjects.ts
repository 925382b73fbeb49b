// The dashboard's stamp section filtered to stamps about a proposal or a 重点案件 (「この提案について」).
import {
  fiscalYearOf,
  fiscalYearRange,
  parseWith,
  SubjectStampQuerySchema,
  type SubjectStampKpiDto,
} from '#shared';
import type { Database } from '../../data/database';
import { aggregateSubjectStamps, findDivisionNames } from '../../data/repositories/dashboard-repository';
import { findStampKinds } from '../../data/repositories/stamps-repository';
import { stampKpis } from './dashboard-stamp-kpis';

/**
 * The same KPIs as the stamp section (total, active senders, per month, per sender division, per
 * kind) counted over the stamps that refer to a proposal or a 重点案件 only. Aggregates, no names:
 * everyone who reads the dashboard may read it.
 */
export const getSubjectStampKpis = async (
  db: Database,
  query: unknown,
  now: Date = new Date(),
): Promise<SubjectStampKpiDto> => {
  const input = parseWith(SubjectStampQuerySchema, query);
  const fiscalYear = input.fiscalYear ?? fiscalYearOf(now);
  const [rows, kinds, divisionNames] = await Promise.all([
    aggregateSubjectStamps(db, fiscalYearRange(fiscalYear), input.divisionId),
    findStampKinds(db),
    findDivisionNames(db),
  ]);
  const total = rows.find((row) => row.dimension === 'total');
  return {
    fiscalYear,
    stamps: stampKpis(
      fiscalYear,
      rows.filter((row) => row.dimension === 'month').map((row) => ({ month: row.month!, count: row.count })),
      rows
        .filter((row) => row.dimension !== 'month')
        .map((row) => ({
          dimension: row.dimension as 'division' | 'kind' | 'total',
          division_id: row.division_id,
          kind_code: row.kind_code,
          count: row.count,
        })),
      total?.senders ?? 0,
      kinds,
      divisionNames,
    ),
  };
};
