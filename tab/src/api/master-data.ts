import type { z } from 'zod';
import type {
  CategoryCreateSchema,
  CategoryUpdateSchema,
  MasterDataChangeDto,
  MasterDataEntity,
  ProposalCategoryDto,
  StampKindCreateSchema,
  StampKindUpdateSchema,
} from '#shared/master-data';
import type { StampKind } from '#shared/stamp-kind';
import type { ItemsDto } from '#shared/tab-api';
import type { ApiClient } from './api-client';

/** `/api/master-data/…` (分類・スタンプ, office and admins): one function per endpoint. */

export type CategoryCreate = z.input<typeof CategoryCreateSchema>;
export type CategoryUpdate = z.input<typeof CategoryUpdateSchema>;
export type StampKindCreate = z.input<typeof StampKindCreateSchema>;
export type StampKindUpdate = z.input<typeof StampKindUpdateSchema>;

const categories = '/api/master-data/categories';
const stampKinds = '/api/master-data/stamp-kinds';
const item = (base: string, code: string) => `${base}/${encodeURIComponent(code)}`;

export const createCategory = (api: ApiClient, body: CategoryCreate) =>
  api.post<ProposalCategoryDto>(categories, { body });
export const updateCategory = (api: ApiClient, code: string, body: CategoryUpdate) =>
  api.patch<ProposalCategoryDto>(item(categories, code), { body });
export const reorderCategories = (api: ApiClient, codes: string[]) =>
  api.put<ItemsDto<ProposalCategoryDto>>(`${categories}/order`, { body: { codes } });

/** `GET /api/master-data/stamp-kinds`: every kind, retired ones included. */
export const listAllStampKinds = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ItemsDto<StampKind>>(stampKinds, { signal });
export const createStampKind = (api: ApiClient, body: StampKindCreate) =>
  api.post<StampKind>(stampKinds, { body });
export const updateStampKind = (api: ApiClient, code: string, body: StampKindUpdate) =>
  api.patch<StampKind>(item(stampKinds, code), { body });
export const reorderStampKinds = (api: ApiClient, codes: string[]) =>
  api.put<ItemsDto<StampKind>>(`${stampKinds}/order`, { body: { codes } });

/** `GET /api/master-data/changes?entity=`: the audit trail of one list, newest first. */
export const listMasterDataChanges = (api: ApiClient, entity: MasterDataEntity, signal?: AbortSignal) =>
  api.get<ItemsDto<MasterDataChangeDto>>('/api/master-data/changes', { query: { entity }, signal });
