import type { z } from 'zod';
import type {
  AnswerTemplateCreateSchema,
  AnswerTemplateDto,
  AnswerTemplateListDto,
  AnswerTemplateUpdateSchema,
} from '#shared/answer-template';
import type { ApiClient } from './api-client';

export type AnswerTemplateCreate = z.input<typeof AnswerTemplateCreateSchema>;
export type AnswerTemplateUpdate = z.input<typeof AnswerTemplateUpdateSchema>;

/** `GET /api/answer-templates`: the office's 定型回答 (retired ones too when asked). */
export const listAnswerTemplates = (api: ApiClient, includeRetired: boolean, signal?: AbortSignal) =>
  api.get<AnswerTemplateListDto>('/api/answer-templates', {
    query: { includeRetired: includeRetired ? 'true' : 'false' },
    signal,
  });

/** `POST /api/answer-templates`. */
export const createAnswerTemplate = (api: ApiClient, body: AnswerTemplateCreate) =>
  api.post<AnswerTemplateDto>('/api/answer-templates', { body });

/** `PATCH /api/answer-templates/:id`: edit, retire (`isActive: false`) or restore, with the version seen. */
export const changeAnswerTemplate = (api: ApiClient, id: string, body: AnswerTemplateUpdate) =>
  api.patch<AnswerTemplateDto>(`/api/answer-templates/${encodeURIComponent(id)}`, { body });
