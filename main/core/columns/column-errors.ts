import type { ErrorCode } from '../../../shared/contract/result';
import { AppError } from '../errors';

/**
 * Every error the columns area raises: its code, its `errors.column.*` key (English and
 * French text in shared/i18n/locales/{en,fr}/errors.json, so the UI can say it in French)
 * and the English message for logs and API clients. One table, so a test can check that
 * both languages know every key.
 */
export const columnErrorTexts = {
  notFound: { code: 'not_found', message: 'This column no longer exists. It may have been removed by a teammate.' },
  notInRoom: { code: 'not_found', message: 'This column is not in this room.' },
  itemGone: { code: 'not_found', message: 'This item is no longer in the room.' },
  reorderRaced: { code: 'conflict', message: 'The columns changed meanwhile: reload and move the column again.' },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type ColumnErrorName = keyof typeof columnErrorTexts;

export const columnErrorKey = (name: ColumnErrorName): string => `errors.column.${name}`;

export function columnError(name: ColumnErrorName, options: { field?: string } = {}): AppError {
  const { code, message } = columnErrorTexts[name];
  return new AppError(code, message, {
    messageKey: columnErrorKey(name),
    ...(options.field ? { field: options.field } : {}),
  });
}
