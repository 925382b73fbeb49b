/**
 * The one error type of the product. `message` is for logs (English, may carry ids),
 * `userMessage` is what a person sees (Japanese). Each transport maps `code` once:
 * HTTP to a status, the bot to an error card.
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'REASON_REQUIRED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem, e.g. a CSV row or a form input. */
export interface ErrorDetail {
  /** Input field name, or `row:12` style location. */
  path: string;
  /** Japanese explanation for a person. */
  message: string;
}

export interface AppErrorOptions {
  message?: string;
  userMessage?: string;
  details?: ErrorDetail[];
  cause?: unknown;
}

const defaultUserMessages: Record<ErrorCode, string> = {
  VALIDATION: '入力内容に誤りがあります。',
  NOT_FOUND: '対象が見つかりません。',
  CONFLICT: '他の人が先に更新しました。最新の内容を確認してからやり直してください。',
  INVALID_TRANSITION: 'この状態には変更できません。',
  REASON_REQUIRED: '理由を入力してください。',
  FORBIDDEN: 'この操作を行う権限がありません。',
  CONSENT_REQUIRED: 'Microsoft Graph へのアクセスに同意が必要です。表示される画面で同意してください。',
  UNAUTHENTICATED: 'サインインが必要です。',
  RATE_LIMITED: 'リクエストが多すぎます。しばらく待ってからやり直してください。',
  PAYLOAD_TOO_LARGE: 'データが大きすぎます。',
  UNAVAILABLE: '現在サービスを利用できません。しばらく待ってからやり直してください。',
  INTERNAL: 'システムエラーが発生しました。時間をおいてやり直してください。',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? options.userMessage ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? defaultUserMessages[code];
    this.details = options.details ?? [];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
