import { catalog, type Locale } from '../../shared/i18n/catalog';
import { errorTemplate } from '../../shared/i18n/english-errors';
import { AppError } from '../core/errors';

/**
 * What the desktop app says when its store fails the start check, in the person's language.
 * The store cannot be read, so neither can the language setting: the system's decides
 * (French for any `fr-*`, English otherwise). Pure, so it is tested without Electron.
 */
export interface DamagedStoreDialog {
  title: string;
  message: string;
  detail: string;
  /** [restore, quit]: the dialog's default is the first. */
  buttons: [string, string];
}

export interface StartFailure {
  title: string;
  detail: string;
}

/** The fields of a `DamagedStoreError` the dialog words (its own English message is for the log). */
export interface DamagedStoreFacts {
  dataDir: string;
  detail: string;
  backup: { path: string; at: number } | null;
}

export function systemLocale(appLocale: string): Locale {
  return appLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');

/** A backup's time as the person reads dates: "14 juillet 2026 à 22:05" / "July 14, 2026 at 10:05 PM". */
function backupTime(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}

export function damagedStoreDialog(facts: DamagedStoreFacts, locale: Locale): DamagedStoreDialog {
  const strings = catalog[locale].faults.desktop;
  const key = facts.backup ? 'faults.damaged' : 'faults.damagedNoBackup';
  const template = errorTemplate(catalog[locale].errors, key) ?? '';
  return {
    title: strings.title,
    message: strings.damaged,
    detail: fill(template, {
      dataDir: facts.dataDir,
      detail: facts.detail,
      at: facts.backup ? backupTime(facts.backup.at, locale) : '',
    }),
    buttons: [strings.restore, strings.quit],
  };
}

/**
 * The last word when the app cannot open its data at all: a keyed AppError in the person's
 * language (its English message when the key has no sentence), anything else named as is.
 */
export function startFailure(dataDir: string, error: unknown, locale: Locale): StartFailure {
  const strings = catalog[locale].faults.desktop;
  if (error instanceof AppError) {
    const template = error.messageKey ? errorTemplate(catalog[locale].errors, error.messageKey) : undefined;
    return { title: strings.cannotStart, detail: template ? fill(template, error.params ?? {}) : error.message };
  }
  return { title: strings.cannotStart, detail: fill(strings.cannotOpen, { dataDir, detail: String(error) }) };
}
