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
