/**
 * The posts are other people's text: a cell that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, which
 * spreadsheets show as text. OWASP's advice for CSV injection.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return formulaStart.test(value) ? `'${value}` : value;
}
