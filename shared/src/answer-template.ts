import { z } from 'zod';
import { proposalLimits } from './proposal';
import { requiredTextField } from './text';

/**
 * 定型回答 (answer templates): the office's recurring answers. Placeholders in the text are filled from
 * the proposal when a template is picked in the status dialog; the office then edits and saves.
 */
export const answerTemplateLimits = { title: 100, body: proposalLimits.answer } as const;

/** The placeholders a template may use, and what each is filled with. */
export const answerTemplatePlaceholders = ['提案番号', '件名', '所管課', '提案者'] as const;
export type AnswerTemplatePlaceholder = (typeof answerTemplatePlaceholders)[number];

export type AnswerTemplateValues = Record<AnswerTemplatePlaceholder, string | null | undefined>;

/**
 * The template's text with `{提案番号}`, `{件名}`, `{所管課}`, `{提案者}` filled in. A value not known
 * (no 所管課 yet) becomes 「（未定）」; anything else in braces is left as written.
 */
export const fillAnswerTemplate = (body: string, values: AnswerTemplateValues): string =>
  body.replace(/\{([^{}]{1,10})\}/g, (whole, name: string) =>
    (answerTemplatePlaceholders as readonly string[]).includes(name)
      ? values[name as AnswerTemplatePlaceholder] || '（未定）'
      : whole,
  );

/** `POST /api/answer-templates`. */
export const AnswerTemplateCreateSchema = z
  .object({
    title: requiredTextField('定型回答の名前', answerTemplateLimits.title),
    body: requiredTextField('定型回答の本文', answerTemplateLimits.body),
  })
  .strict();
export type AnswerTemplateCreate = z.output<typeof AnswerTemplateCreateSchema>;

/** `PATCH /api/answer-templates/:id`: a change with the version seen; `isActive: false` retires it. */
export const AnswerTemplateUpdateSchema = z
  .object({
    version: z.number({ error: '版（version）を指定してください。' }).int().min(1),
    title: AnswerTemplateCreateSchema.shape.title.optional(),
    body: AnswerTemplateCreateSchema.shape.body.optional(),
    isActive: z.boolean({ error: '使用中の値が正しくありません。' }).optional(),
  })
  .strict();
export type AnswerTemplateUpdate = z.output<typeof AnswerTemplateUpdateSchema>;

export const AnswerTemplateDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  isActive: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AnswerTemplateDto = z.infer<typeof AnswerTemplateDtoSchema>;

/** `GET /api/answer-templates`: in use first, then retired ones (with `includeRetired`), by title. */
export const AnswerTemplateListDtoSchema = z.object({ items: z.array(AnswerTemplateDtoSchema) });
export type AnswerTemplateListDto = z.infer<typeof AnswerTemplateListDtoSchema>;

export const AnswerTemplateListQuerySchema = z.object({
  includeRetired: z
    .enum(['true', 'false'], { error: 'includeRetired は true か false で指定してください。' })
    .optional()
    .transform((value) => value === 'true'),
});
