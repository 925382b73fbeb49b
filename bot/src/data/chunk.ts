/**
 * Splits rows for multi-row statements. PostgreSQL allows 65,535 bind parameters per statement, so
 * bulk inserts go in chunks (500 rows of a 25-column table stay well inside it).
 */
const bulkChunkSize = 500;

export const chunk = <T>(items: readonly T[], size: number = bulkChunkSize): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};
