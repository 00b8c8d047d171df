import { sanitizeWithText } from './sanitize-html';

/**
 * Sanitized HTML and its plain text from one parse. Sources take it as a parameter so tests
 * can record what went through it; the default is the app's sanitize-html allow-list.
 */
export type SanitizeWithText = (html: string, baseUrl?: string) => { html: string; text: string };

export const defaultSanitize: SanitizeWithText = sanitizeWithText;
