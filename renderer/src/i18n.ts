import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalog, namespaces, type Locale } from '../../shared/i18n/catalog';
import type { ContractError } from '../../shared/contract/result';
import { sayPublishProblem, storedPublishProblem } from '../../shared/publishing/publish-problem';

export function systemLocale(): Locale {
  return navigator.languages.some((language) => language.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

export async function initI18n(locale: Locale): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: catalog,
    lng: locale,
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  document.documentElement.lang = locale;
}

export async function changeLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** Params that carry a time (milliseconds UTC as text), shown as a clock time in the person's zone. */
const timeParams = new Set(['expiresAt', 'scheduledFor', 'validFrom', 'validUntil']);

function readableErrorParams(params: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const ms = Number(value);
    if (timeParams.has(name) && value !== '' && Number.isFinite(ms)) {
      out[name] = new Intl.DateTimeFormat(i18next.language, { hour: '2-digit', minute: '2-digit' }).format(ms);
    } else {
      out[name] = value;
    }
  }
  return sayCodeWords(out);
}

/**
 * Roles, states, approval slots and lifecycle actions travel as their codes ("writer",
 * "in review", "brand, legal", "request changes"): said in the person's language, one by one
 * in a list. A checklist question (or a server's reason) that travels with both its texts is
 * said in theirs.
 */
const codeWordGroups: Record<string, string> = {
  role: 'roles',
  state: 'states',
  from: 'states',
  slot: 'slots',
  missing: 'slots',
  action: 'actionNames',
};

export function sayCodeWords(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  for (const [name, group] of Object.entries(codeWordGroups)) {
    const value = params[name];
    if (value === undefined || value === '') continue;
    out[name] = value
      .split(', ')
      .map((code) => {
        const key = `drafts:${group}.${code.replace(/ /g, '_')}`;
        return i18next.exists(key) ? i18next.t(key).toLowerCase() : code;
      })
      .join(', ');
  }
  const question = i18next.language.startsWith('fr') ? params['itemFr'] : params['itemEn'];
  if (question) out['item'] = question;
  const questions = i18next.language.startsWith('fr') ? params['itemsFr'] : params['itemsEn'];
  if (questions) out['items'] = questions;
  // A server's reason, said by main in both languages (a publishing account that could not be checked).
  const reason = i18next.language.startsWith('fr') ? params['reasonFr'] : params['reasonEn'];
  if (reason) out['reason'] = reason;
  // A publishing failure stored as its code and parameters (an audit line): said in theirs.
  const problem = storedPublishProblem(params['problem'] ?? null);
  if (problem) out['reason'] = sayPublishProblem(problem, i18next.language.startsWith('fr') ? 'fr' : 'en');
  return out;
}

/** A contract error in the person's language when we have its translation. */
export function errorText(error: Pick<ContractError, 'message' | 'messageKey' | 'params'>): string {
  // Generic validation messages embed zod's English detail: show them as they are.
  if (error.messageKey && error.messageKey !== 'errors.invalidInput') {
    const key = error.messageKey.replace(/^errors\./, 'errors:');
    if (i18next.exists(key)) {
      return i18next.t(key, { logFile: '', detail: error.message, ...readableErrorParams(error.params) });
    }
  }
  return error.message;
}
