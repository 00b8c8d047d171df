import errors from './locales/en/errors.json';

/**
 * English text for an `errors.*` key, for messages that cross the contract. The UI shows
 * the key's translation instead when it knows it; logs and API clients read the English.
 */
export function englishError(key: string, params: Record<string, string> = {}): string | undefined {
  return errorTemplate(errors, key)?.replace(placeholder, (_, name: string) => params[name] ?? '');
}

/** i18next's `{{name}}`, or `{{name, format}}`. */
const placeholder = /\{\{(\w+)(?:,[^}]*)?\}\}/g;

/** The template at an `errors.*` key in an errors catalog (English or French), if it has one. */
export function errorTemplate(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.replace(/^errors\./, '').split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The names of a template's `{{placeholders}}`, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1] ?? '');
}
