import type { ErrorCode } from '../../shared/contract/result';

/**
 * Thrown inside the core; turned into a `{ ok: false, code, message }` result at the
 * contract boundary. `message` must tell a person what to do about it.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly messageKey: string | undefined;
  readonly params: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; messageKey?: string; params?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.messageKey = options.messageKey;
    this.params = options.params;
  }
}

/**
 * An AppError a person can read in either language: English `message` for logs and API
 * clients, plus an `errors.*` key and its params so the UI can say it in French. Keys and
 * placeholders live in shared/i18n/locales/{en,fr}/errors.json.
 */
export function keyedError(
  code: ErrorCode,
  messageKey: string,
  message: string,
  options: { field?: string; params?: Record<string, string | number> } = {},
): AppError {
  const params = options.params
    ? Object.fromEntries(Object.entries(options.params).map(([name, value]) => [name, String(value)]))
    : undefined;
  return new AppError(code, message, {
    messageKey,
    ...(options.field ? { field: options.field } : {}),
    ...(params ? { params } : {}),
  });
}
