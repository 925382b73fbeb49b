// The database half of the import's checks: what the rows refer to (numbers, merge targets, projects,
// people) is looked up inside the import's transaction, so the checks and the writes see the same data.
// Every problem is added to the file's row errors, and they are thrown together before anything is written.
import { chunk } from '../../data/chunk';
import type { Transaction } from '../../data/database';
import { findPriorityProjects } from '../../data/repositories/priority-projects-repository';
import { findProposalIdsByNumbers } from '../../data/repositories/proposals-repository';
import { findUsersByDisplayNames } from '../../data/repositories/users-repository';
import type { ParsedFile, RowErrors } from './parse-import-file';
import type { CsvPerson } from './proposal-csv-format';
import type { ProposalCsvRow } from './proposal-csv-rows';

/** People are keyed by their address, compared without case. */
export const personKey = (email: string) => email.toLowerCase();

/** A priority project's key: fiscal year, theme and item (`2024-1-2`). */
export const projectKey = (project: { fiscalYear: number; themeNo: number; itemNo: number }) =>
  `${project.fiscalYear}-${project.themeNo}-${project.itemNo}`;

/** A person the file names with an address, as the import will create them when unknown. */
export interface FilePerson {
  email: string;
  name: string;
  division: string | null;
}

/** Numbers already taken, and merge targets neither in the file nor registered: number → proposal id. */
const findExistingNumbers = async (tx: Transaction, { rows, errors, fileNumbers }: ParsedFile) => {
  const existing = new Map<string, string>();
  const lookUp = [
    ...new Set([...fileNumbers, ...rows.flatMap((row) => (row.mergedInto ? [row.mergedInto] : []))]),
  ];
  for (const part of chunk(lookUp, 1000)) {
    for (const [number, id] of await findProposalIdsByNumbers(tx, part)) existing.set(number, id);
  }
  for (const row of rows) {
    if (row.number && existing.has(row.number.text)) {
      errors.add(row.rowNumber, `「提案番号」${row.number.text}は既に登録されています。`);
    }
    if (row.mergedInto && !fileNumbers.has(row.mergedInto) && !existing.has(row.mergedInto)) {
      errors.add(
        row.rowNumber,
        `「統合先」${row.mergedInto}の提案は、このファイルにも登録済みの提案にもありません。`,
      );
    }
  }
  return existing;
};

/** The priority projects the rows link to, which must be registered: project key → id. */
const findProjectIds = async (tx: Transaction, rows: ProposalCsvRow[], errors: RowErrors) => {
  const projectIds = new Map<string, string>();
  const projectYears = new Set(rows.flatMap((row) => row.projects.map((project) => project.fiscalYear)));
  for (const fiscalYear of projectYears) {
    for (const project of await findPriorityProjects(tx, fiscalYear)) {
      projectIds.set(
        projectKey({ fiscalYear, themeNo: project.themeNo, itemNo: project.itemNo }),
        project.id,
      );
    }
  }
  for (const row of rows) {
    for (const project of row.projects) {
      if (!projectIds.has(projectKey(project))) {
        errors.add(row.rowNumber, `「重点案件」${project.code}は登録されていません。`);
      }
    }
  }
  return projectIds;
};

/**
 * People known by e-mail: the file's names for them, co-proposer entries first (they show a
 * person's current name; 提案者 is the name as submitted), then proposers, then the address itself.
 */
const collectFilePeople = (rows: ProposalCsvRow[]): Map<string, FilePerson> => {
  const people = new Map<string, FilePerson>();
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email && person.name && !people.has(personKey(person.email))) {
        people.set(personKey(person.email), { email: person.email, name: person.name, division: null });
      }
    }
  }
  for (const row of rows) {
    if (!row.proposerEmail) continue;
    const known = people.get(personKey(row.proposerEmail));
    if (!known) {
      people.set(personKey(row.proposerEmail), {
        email: row.proposerEmail,
        name: row.proposerName,
        division: row.proposerDivision,
      });
    } else known.division ??= row.proposerDivision;
  }
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email && !people.has(personKey(person.email))) {
        people.set(personKey(person.email), { email: person.email, name: person.email, division: null });
      }
    }
  }
  return people;
};

/**
 * Co-proposers given by name only must name exactly one person (in the file or the database).
 * Returns name → candidate keys (`email:<address>` for people of the file, `id:<user id>` otherwise).
 */
const matchNamedCoProposers = async (
  tx: Transaction,
  rows: ProposalCsvRow[],
  people: Map<string, FilePerson>,
  errors: RowErrors,
) => {
  const byName = new Map<string, Set<string>>();
  const nameOnly = new Set(
    rows.flatMap((row) => row.coProposers.flatMap((person) => (person.email ? [] : [person.name!]))),
  );
  const addCandidate = (name: string, key: string) =>
    byName.set(name, (byName.get(name) ?? new Set()).add(key));
  for (const person of people.values()) {
    if (nameOnly.has(person.name)) addCandidate(person.name, `email:${personKey(person.email)}`);
  }
  for (const user of await findUsersByDisplayNames(tx, [...nameOnly])) {
    const inFile = user.email && people.has(personKey(user.email));
    addCandidate(user.displayName, inFile ? `email:${personKey(user.email!)}` : `id:${user.id}`);
  }
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email) continue;
      const matches = byName.get(person.name!)?.size ?? 0;
      if (matches !== 1) {
        errors.add(
          row.rowNumber,
          matches === 0
            ? `「共同提案者」の「${person.name}」が見つかりません。「氏名 <メールアドレス>」の形式で入力してください。`
            : `「共同提案者」の「${person.name}」は同じ名前の人が複数いるため特定できません。「氏名 <メールアドレス>」の形式で入力してください。`,
        );
      }
    }
  }
  return byName;
};

/**
 * Checks against the database (numbers taken, merge targets, project codes, co-proposers named
 * without an address) and resolves what the rows refer to; throws the file's row errors, if any.
 * Runs in the import's transaction.
 */
export const resolveImportReferences = async (tx: Transaction, file: ParsedFile) => {
  const { rows, errors } = file;
  const existing = await findExistingNumbers(tx, file);
  const projectIds = await findProjectIds(tx, rows, errors);
  const people = collectFilePeople(rows);
  const byName = await matchNamedCoProposers(tx, rows, people, errors);
  errors.throwIfAny();

  /** A co-proposer's key: by address, or the one person their name matched. */
  const personOf = (person: CsvPerson): string => {
    if (person.email) return `email:${personKey(person.email)}`;
    return [...byName.get(person.name!)!][0]!;
  };
  return { existing, projectIds, people, personOf };
};

export type ImportReferences = Awaited<ReturnType<typeof resolveImportReferences>>;
