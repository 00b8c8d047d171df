/**
 * Errors are values at the contract boundary: every call answers a Result.
 * `code` is stable (the UI translates it); `message` is English a person can act on;
 * `field` names the input that was wrong when there is one.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'invalid_transition',
  'too_large',
  'unauthorized',
  'unavailable',
  'database_too_new',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ContractError {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when the error is about one field. */
  field?: string;
  /** i18n key for the message, so the UI can show it in the user's language. */
  messageKey?: string;
  /** Values for the `{{name}}` placeholders of messageKey's translation. */
  params?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | ContractError;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
