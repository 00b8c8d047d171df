import { sanitizeWithText } from '../sanitize-html';
import type { SanitizeWithText } from '../sanitizer';

/**
 * The app's real sanitizer, recording what it was given: tests prove hostile markup went
 * through it before it became an item's html or text.
 */
export function createRecordingSanitizer(): { sanitize: SanitizeWithText; inputs: string[] } {
  const inputs: string[] = [];
  return {
    inputs,
    sanitize(html: string, baseUrl?: string) {
      inputs.push(html);
      return sanitizeWithText(html, baseUrl);
    },
  };
}
