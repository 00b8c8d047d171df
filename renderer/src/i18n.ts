import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalog, namespaces, type Locale } from '../../shared/i18n/catalog';
import type { ContractError } from '../../shared/contract/result';

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

/** A contract error in the person's language when we have its translation. */
export function errorText(error: Pick<ContractError, 'message' | 'messageKey'>): string {
  // Generic validation messages embed zod's English detail: show them as they are.
  if (error.messageKey && error.messageKey !== 'errors.invalidInput') {
    const key = error.messageKey.replace(/^errors\./, 'errors:');
    if (i18next.exists(key)) return i18next.t(key, { logFile: '', detail: error.message });
  }
  return error.message;
}
