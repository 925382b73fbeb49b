import { z } from 'zod';
import { StampKindDtoSchema, stampPurposes } from './stamp-kind';
import { requiredTextField } from './text';

/**
 * Master data the office and admins manage in the tab (「分類・スタンプ」): proposal categories (分類)
 * and action stamp kinds. Each is added, renamed, reordered and retired (a retired one stays on old
 * records and in the statistics, and is offered no more); every change is recorded in the audit trail.
 */
export const masterDataCodePattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;

const codeField = z.string({ error: 'コードを入力してください。' }).regex(masterDataCodePattern, {
  error: 'コードは半角英小文字・数字・-・_ の32文字以内（先頭は英数字）で入力してください。',
});

export const masterDataLimits = { categoryLabel: 30, stampLabel: 30, emoji: 16, listSize: 100 } as const;

/** A category as stored and as `GET /api/categories` answers it. */
export const ProposalCategoryDtoSchema = z.object({
  code: z.string(),
  label: z.string(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type ProposalCategoryDto = z.infer<typeof ProposalCategoryDtoSchema>;
export const ProposalCategoryListDtoSchema = z.object({ items: z.array(ProposalCategoryDtoSchema) });

/** `POST /api/master-data/categories`: a new category goes to the end of the list. */
export const CategoryCreateSchema = z
  .object({ code: codeField, label: requiredTextField('分類名', masterDataLimits.categoryLabel) })
  .strict();

/** `PATCH /api/master-data/categories/:code`: rename, retire or bring back. */
export const CategoryUpdateSchema = z
  .object({
    label: requiredTextField('分類名', masterDataLimits.categoryLabel).optional(),
    isActive: z.boolean({ error: '有効・廃止の指定が正しくありません。' }).optional(),
  })
  .strict();

/** `PUT /api/master-data/…/order`: every code, in the new order. */
export const MasterDataOrderSchema = z
  .object({
    codes: z
      .array(codeField, { error: '並び順を指定してください。' })
      .min(1, { error: '並び順を指定してください。' })
      .max(masterDataLimits.listSize, { error: '並び順の指定が長すぎます。' }),
  })
  .strict();

const stampLabelField = requiredTextField('スタンプ名', masterDataLimits.stampLabel);
const emojiField = requiredTextField('絵文字', masterDataLimits.emoji);
const purposeField = z.enum(stampPurposes, { error: '用途の値が正しくありません。' });

/** `POST /api/master-data/stamp-kinds`. */
export const StampKindCreateSchema = z
  .object({ code: codeField, label: stampLabelField, emoji: emojiField, purpose: purposeField })
  .strict();

/** `PATCH /api/master-data/stamp-kinds/:code`. */
export const StampKindUpdateSchema = z
  .object({
    label: stampLabelField.optional(),
    emoji: emojiField.optional(),
    purpose: purposeField.optional(),
    isActive: z.boolean({ error: '有効・廃止の指定が正しくありません。' }).optional(),
  })
  .strict();

export const MasterDataCodeParamsSchema = z.object({
  code: z.string().regex(masterDataCodePattern, { error: 'コードの指定が正しくありません。' }),
});

/** `GET /api/master-data/stamp-kinds`: every kind, retired ones included. */
export const StampKindAdminListDtoSchema = z.object({ items: z.array(StampKindDtoSchema) });

export const masterDataEntities = ['category', 'stamp_kind'] as const;
export type MasterDataEntity = (typeof masterDataEntities)[number];

/** `GET /api/master-data/changes?entity=`: the audit trail, newest first. */
export const MasterDataChangesQuerySchema = z.object({
  entity: z.enum(masterDataEntities, { error: '種類の指定が正しくありません。' }),
});
export const MasterDataChangeDtoSchema = z.object({
  id: z.number(),
  entityKey: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type MasterDataChangeDto = z.infer<typeof MasterDataChangeDtoSchema>;
export const MasterDataChangeListDtoSchema = z.object({ items: z.array(MasterDataChangeDtoSchema) });
