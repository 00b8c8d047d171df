import type { Locale } from '../../../shared/i18n/catalog';
import type { EntryView } from '../../../shared/publishing/outbox';
import {
  publishProblemSentence,
  sayPublishProblem,
  type PublishProblem,
} from '../../../shared/publishing/publish-problem';

/** The catalog language the screen speaks ('fr-CA' reads French). */
export const catalogLocale = (language: string): Locale => (language.startsWith('fr') ? 'fr' : 'en');

/**
 * Why an entry failed, in the reader's language: from its code and parameters, or, for an
 * entry stored before failures had codes, the English sentence it was stored with.
 */
export function failurePhrase(entry: Pick<EntryView, 'failureProblem' | 'failureReason'>, language: string): string {
  return entry.failureProblem
    ? sayPublishProblem(entry.failureProblem, catalogLocale(language))
    : (entry.failureReason ?? '');
}

/** A problem as a sentence of its own (an alert's line, a notification's body). */
export const problemSentence = (problem: PublishProblem, language: string): string =>
  publishProblemSentence(problem, catalogLocale(language));
