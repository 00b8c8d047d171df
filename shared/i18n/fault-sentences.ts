import faults from './locales/en/faults.json';
import { errorTemplate } from './english-errors';

/**
 * The English sentence for a `faults.*` key (a health line, a paused state), as stored
 * today. Every such sentence comes from a key, so storing the key and params instead
 * later is a change in one place.
 */
export function faultSentence(key: `faults.${string}`, params: Record<string, string | number> = {}): string {
  const template = errorTemplate(faults, key.replace(/^faults\./, '')) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
