import type { Executor } from '../../bot/src/data/database';
import type { ProposalListFilter } from '../../bot/src/data/repositories/proposal-list-filter';
import { generateProposalsCsv } from '../../bot/src/services/csv/export-proposals';

/** The whole proposal CSV as one buffer, as the tab's download receives it. */
export const exportProposalsCsv = async (db: Executor, filter: ProposalListFilter = {}): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const part of generateProposalsCsv(db, filter)) parts.push(part);
  return Buffer.concat(parts);
};
