import type { z } from 'zod';
import { englishError } from '../i18n/english-errors';
import type { ContractError } from './result';

/**
 * The first problem zod found, as a message a person can act on. Schemas use `errors.*`
 * i18n keys as messages; other zod messages are prefixed with the field they concern.
 */
export function validationError(error: z.ZodError): ContractError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const raw = issue?.message ?? 'invalid input';
  if (raw.startsWith('errors.')) {
    return {
      ok: false,
      code: 'invalid_input',
      message: englishError(raw) ?? raw,
      messageKey: raw,
      ...(field ? { field } : {}),
    };
  }
  const detail = field ? `${field}: ${raw}` : raw;
  return {
    ok: false,
    code: 'invalid_input',
    message: englishError('errors.invalidInput', { detail }) ?? detail,
    messageKey: 'errors.invalidInput',
    ...(field ? { field } : {}),
  };
}
