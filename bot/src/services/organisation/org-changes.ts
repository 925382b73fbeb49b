import { type Actor, type OrgChangeListDto, type OrgChangeListParams } from '#shared';
import type { Database } from '../../data/database';
import { findMasterDataChanges } from '../../data/repositories/master-data-changes-repository';
import { requireOrgViewer } from './org-access';

/** `GET /api/org/changes`: the audit trail of the organisation, people's 所属 and the mapping. */
export const listOrgChanges = async (
  db: Database,
  actor: Actor,
  params: OrgChangeListParams,
): Promise<OrgChangeListDto> => {
  requireOrgViewer(actor);
  const rows = await findMasterDataChanges(db, {
    entity: params.entity,
    entityKey: params.key,
    limit: params.limit,
  });
  return {
    items: rows.map(({ change, actorName, subjectName }) => ({
      id: change.id,
      entity: change.entity,
      entityKey: change.entityKey,
      subjectName,
      action: change.action,
      actor: change.actorId ? { id: change.actorId, displayName: actorName ?? '' } : null,
      before: change.before,
      after: change.after,
      reason: change.reason,
      createdAt: change.createdAt.toISOString(),
    })),
  };
};
