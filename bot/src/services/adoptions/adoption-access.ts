import { AppError, canTriage, type Actor } from '#shared';
import { isLiaisonOfDivision } from '../proposals/proposal-access';

/**
 * Who may record 横展開 (「うちの課でも導入した」 / 「導入を検討中」) for a division, and change or remove
 * that record: a member of the division (the actor's own 所属), its liaisons (所管課担当,
 * `users.liaison_division_ids`), and the office (推進室, admins) for any division. Which proposals
 * accept records (実現完了, published, visible to the actor) is `acceptsAdoptions` in shared and the
 * proposal's visibility rule (proposal-access.ts).
 */
export interface AdoptionRecorder {
  actor: Actor;
  /** The actor's own 所属 (users.division_id), if any. */
  divisionId: string | null;
}

export const canRecordAdoptionFor = ({ actor, divisionId }: AdoptionRecorder, target: string): boolean =>
  canTriage(actor) || divisionId === target || isLiaisonOfDivision(actor, target);

/**
 * The divisions the recorder may record for: undefined for the office (every active division),
 * otherwise their 所属 and the divisions they are the liaison of.
 */
export const recordableDivisionIdsOf = ({ actor, divisionId }: AdoptionRecorder): string[] | undefined =>
  canTriage(actor)
    ? undefined
    : [...new Set([...(divisionId ? [divisionId] : []), ...(actor.liaisonDivisionIds ?? [])])];

export const requireRecordAdoptionFor = (recorder: AdoptionRecorder, target: string): void => {
  if (!canRecordAdoptionFor(recorder, target)) {
    throw new AppError('FORBIDDEN', {
      message: `User ${recorder.actor.userId} may not record adoptions for division ${target}`,
      userMessage: '横展開は、その課の職員・所管課担当または推進室だけが登録できます。',
    });
  }
};
