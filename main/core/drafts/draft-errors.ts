import type { ErrorCode } from '../../../shared/contract/result';
import { AppError } from '../errors';

/**
 * An error about drafts, the team, the bank or the checklist: English `message` for logs
 * and API clients, plus an `errors.*` key and its params so the UI can say it in French.
 * Keys and placeholders live in shared/i18n/locales/{en,fr}/errors.json.
 */
export function draftError(
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
