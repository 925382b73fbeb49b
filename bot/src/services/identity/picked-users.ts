import { AppError, isUuid } from '#shared';
import type { Database } from '../../data/database';
import {
  findUsersByAadObjectIds,
  insertUsersFromDirectory,
} from '../../data/repositories/directory-users-repository';
import type { UserRow } from '../../data/schema/index';
import type { DirectoryLookup, DirectoryPerson } from './teams-contact';

/** The people-picker fields, for messages. */
const pickedLabels = { recipientIds: '宛先', coProposerIds: '共同提案者' } as const;

const pickedProblem = (field: keyof typeof pickedLabels, message: string) =>
  new AppError('VALIDATION', { userMessage: message, details: [{ path: field, message }] });

/**
 * The users behind Entra object ids chosen in the people picker. Only real people: someone who has
 * used the app (or was imported), or, with Microsoft Graph, someone the directory knows (recorded
 * then with their name). An id nobody knows is refused instead of becoming a placeholder user. Call
 * outside a transaction: the directory is asked over the network.
 */
export const resolvePickedUsers = async (
  db: Database,
  aadObjectIds: string[],
  field: keyof typeof pickedLabels,
  directory: DirectoryLookup | undefined,
): Promise<UserRow[]> => {
  const label = pickedLabels[field];
  if (!aadObjectIds.every(isUuid)) throw pickedProblem(field, `${label}の指定が正しくありません。`);
  const known = await findUsersByAadObjectIds(db, aadObjectIds);
  const knownIds = new Set(known.map((user) => user.aadObjectId));
  const missing = [...new Set(aadObjectIds)].filter((id) => !knownIds.has(id));
  if (missing.length === 0) return known;
  if (!directory) {
    throw pickedProblem(
      field,
      `${label}に、まだこのアプリを使ったことのない方が含まれています。その方に一度アプリを開いてもらってから、もう一度お試しください。`,
    );
  }
  let people: (DirectoryPerson | null)[];
  try {
    people = await Promise.all(missing.map((id) => directory.getPerson(id)));
  } catch (error) {
    // The directory did not answer in time (a turn does not wait for it): the form says so and keeps
    // what was typed; the person can simply send again.
    const status = (error as { statusCode?: unknown }).statusCode;
    const unavailable =
      (error instanceof AppError && error.code === 'UNAVAILABLE') ||
      (typeof status === 'number' && (status === 429 || status >= 500));
    if (unavailable) {
      throw pickedProblem(
        field,
        `${label}を組織のディレクトリで確認できませんでした（応答がありません）。少し待ってからもう一度お試しください。`,
      );
    }
    throw error;
  }
  if (people.some((person) => person === null)) {
    throw pickedProblem(field, `${label}に、組織のディレクトリに見つからない方が含まれています。`);
  }
  await insertUsersFromDirectory(
    db,
    missing.map((aadObjectId, index) => ({ aadObjectId, ...people[index]! })),
  );
  return findUsersByAadObjectIds(db, aadObjectIds);
};
