import { z } from 'zod';
import { optionalTextField, requiredTextField, splitCommaList } from './text';

/**
 * Stamp kinds are organisation data: the office adds and retires them. `purpose` tells the bot
 * whether the stamp is appreciation (praise, thanks) or an invitation to a 1on1 meeting.
 */
export const stampPurposes = ['appreciation', 'one_on_one'] as const;
export type StampPurpose = (typeof stampPurposes)[number];

/** A stamp kind as stored and as `GET /api/stamp-kinds` answers it (a plain shape, for responses). */
export const StampKindDtoSchema = z.object({
  code: z.string(),
  label: z.string(),
  emoji: z.string(),
  purpose: z.enum(stampPurposes),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type StampKind = z.infer<typeof StampKindDtoSchema>;

export const StampKindSchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, {
    error: 'コードは半角英小文字・数字・-・_ の32文字以内で入力してください。',
  }),
  label: requiredTextField('スタンプ名', 30),
  emoji: requiredTextField('絵文字', 16),
  purpose: z.enum(stampPurposes, { error: '用途の値が正しくありません。' }),
  isActive: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});

/** The kinds a new installation starts with; the office may change them afterwards. */
export const defaultStampKinds: readonly StampKind[] = [
  {
    code: 'thanks',
    label: 'ありがとう',
    emoji: '🙏',
    purpose: 'appreciation',
    isActive: true,
    sortOrder: 10,
  },
  { code: 'nice', label: 'ナイス！', emoji: '👍', purpose: 'appreciation', isActive: true, sortOrder: 20 },
  { code: 'great', label: 'さすが', emoji: '✨', purpose: 'appreciation', isActive: true, sortOrder: 30 },
  {
    code: 'otsukare',
    label: 'おつかれさま',
    emoji: '🍵',
    purpose: 'appreciation',
    isActive: true,
    sortOrder: 40,
  },
  {
    code: 'one-on-one',
    label: '1on1しませんか',
    emoji: '💬',
    purpose: 'one_on_one',
    isActive: true,
    sortOrder: 50,
  },
];

export const activeStampKinds = (kinds: readonly StampKind[]): StampKind[] =>
  kinds
    .filter((kind) => kind.isActive)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

export const stampLimits = { message: 200, recipients: 20 } as const;

/** A stamp as sent from the card: recipients arrive comma-joined from the people picker. */
export const StampSendSchema = z.object({
  recipientIds: z
    .union([z.string(), z.array(z.string())], { error: '宛先を選んでください。' })
    .transform((value) => splitCommaList(value))
    .refine((ids) => ids.length > 0, { error: '宛先を選んでください。' })
    .refine((ids) => ids.length <= stampLimits.recipients, {
      error: `宛先は一度に${stampLimits.recipients}人までです。`,
    }),
  kindCode: z.string({ error: 'スタンプを選んでください。' }).min(1, { error: 'スタンプを選んでください。' }),
  message: optionalTextField('メッセージ', stampLimits.message),
  /**
   * 「この提案・重点案件について」 (optional): a proposal number (R6-0012) or a priority project's code
   * (R6-1-2); the sender must be able to see the proposal.
   */
  about: optionalTextField('「この提案について」', 20),
});
export type StampSend = z.output<typeof StampSendSchema>;
