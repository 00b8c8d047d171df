import errors from './locales/en/errors.json';

/**
 * English text for an `errors.*` key, for messages that cross the contract. The UI shows
 * the key's translation instead when it knows it; logs and API clients read the English.
 */
export function englishError(key: string, params: Record<string, string> = {}): string | undefined {
  const path = key.replace(/^errors\./, '').split('.');
  let node: unknown = errors;
  for (const part of path) {
    if (typeof node !== 'object' || node === null || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string') return undefined;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}
