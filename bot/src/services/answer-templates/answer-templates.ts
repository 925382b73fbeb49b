import {
  AnswerTemplateCreateSchema,
  AnswerTemplateUpdateSchema,
  AppError,
  isUuid,
  parseWith,
  type Actor,
  type AnswerTemplateDto,
} from '#shared';
import type { Database } from '../../data/database';
import {
  findAnswerTemplates,
  insertAnswerTemplate,
  lockAnswerTemplate,
  updateAnswerTemplate,
} from '../../data/repositories/answer-templates-repository';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import type { AnswerTemplateRow } from '../../data/schema/index';
import { requireOffice } from '../proposals/proposal-access';

const entity = 'answer_template';

const toDto = (row: AnswerTemplateRow): AnswerTemplateDto => ({
  id: row.id,
  title: row.title,
  body: row.body,
  isActive: row.isActive,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

/** What the audit trail keeps of a template. */
const audited = (row: AnswerTemplateRow) => ({ title: row.title, body: row.body, isActive: row.isActive });

const notFound = () => new AppError('NOT_FOUND', { userMessage: '定型回答が見つかりません。' });

/** The office's templates (answers are the office's work, so only it reads them). */
export const listAnswerTemplates = async (
  db: Database,
  actor: Actor,
  options: { includeRetired: boolean },
): Promise<{ items: AnswerTemplateDto[] }> => {
  requireOffice(actor, 'Answer templates');
  return { items: (await findAnswerTemplates(db, options)).map(toDto) };
};

export const createAnswerTemplate = async (
  db: Database,
  actor: Actor,
  input: unknown,
): Promise<AnswerTemplateDto> => {
  requireOffice(actor, 'Answer templates');
  const values = parseWith(AnswerTemplateCreateSchema, input);
  return db.transaction(async (tx) => {
    const row = await insertAnswerTemplate(tx, values);
    await appendMasterDataChange(tx, {
      entity,
      entityKey: row.id,
      action: 'create',
      actorId: actor.userId,
      before: null,
      after: audited(row),
    });
    return toDto(row);
  });
};

/** Edits title or text, or retires (isActive false) / restores; the version the office saw must hold. */
export const changeAnswerTemplate = async (
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<AnswerTemplateDto> => {
  requireOffice(actor, 'Answer templates');
  const { version, ...patch } = parseWith(AnswerTemplateUpdateSchema, input);
  if (!isUuid(id)) throw notFound();
  return db.transaction(async (tx) => {
    const current = await lockAnswerTemplate(tx, id);
    if (!current) throw notFound();
    if (current.version !== version) {
      throw new AppError('CONFLICT', {
        userMessage: 'この定型回答は他の人が先に更新しました。最新の内容を確認してください。',
      });
    }
    const row = await updateAnswerTemplate(tx, id, patch);
    const action = patch.isActive === false && current.isActive ? 'retire' : 'update';
    await appendMasterDataChange(tx, {
      entity,
      entityKey: id,
      action,
      actorId: actor.userId,
      before: audited(current),
      after: audited(row),
    });
    return toDto(row);
  });
};
