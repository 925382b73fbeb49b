import type { ErrorCode, ErrorDetail } from '#shared/errors';

/** The codes the tab adds to the server's: the request never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** An API failure, with the server's Japanese message (never a raw status line or stack). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode | string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const networkError = (): ApiError =>
  new ApiError(
    0,
    'NETWORK',
    'サーバーに接続できません。ネットワークの状態を確認して、もう一度お試しください。',
  );

const fallbackMessages: Record<number, string> = {
  401: 'サインインが必要です。',
  403: 'この操作を行う権限がありません。',
  404: '対象が見つかりません。',
  409: '他の人が先に更新しました。最新の内容を確認してからやり直してください。',
  413: 'データが大きすぎます。',
  429: 'リクエストが多すぎます。しばらく待ってからやり直してください。',
  503: '現在サービスを利用できません。しばらく待ってからやり直してください。',
};

/** Builds the error from a failed response, whatever its body (a proxy's HTML page included). */
export const apiErrorFromResponse = async (response: Response): Promise<ApiError> => {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (
    body as { error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string } }
  )?.error;
  const message =
    error?.message ??
    fallbackMessages[response.status] ??
    'システムエラーが発生しました。時間をおいてやり直してください。';
  return new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    message,
    error?.details ?? [],
    error?.requestId,
  );
};

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A Japanese message for anything thrown, for error states. */
export const messageOf = (error: unknown): string =>
  isApiError(error) ? error.message : 'システムエラーが発生しました。時間をおいてやり直してください。';
