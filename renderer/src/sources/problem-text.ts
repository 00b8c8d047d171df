import type { TFunction } from 'i18next';
import { problemParams } from '../../../shared/sources/health-problem';
import type { SourceHealth } from '../../../shared/sources/source';

/**
 * Why a source fails, in the reader's language: the stored problem's code read from the
 * catalog with its parameters (durations, sizes and numbers by `Intl`). A row stored before
 * problems had codes has only its English sentence, shown as it was stored.
 */
export function problemText(
  health: Pick<SourceHealth, 'lastError' | 'problem'>,
  t: TFunction,
  locale: string,
): string | null {
  const { problem } = health;
  if (problem === null) return health.lastError;
  return t(`sources:problems.${problem.code}`, problemParams(problem.params, locale));
}
