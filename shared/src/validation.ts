import type { z } from 'zod';
import { AppError } from './errors';

/** Parses with a schema; failures become one VALIDATION error listing every field's Japanese message. */
export const parseWith = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new AppError('VALIDATION', {
    message: `Validation failed: ${details.map((detail) => detail.path || '(root)').join(', ')}`,
    userMessage:
      details.length === 1 ? details[0]!.message : '入力内容に誤りがあります。各項目を確認してください。',
    details,
  });
};
