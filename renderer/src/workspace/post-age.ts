const formatters = new Map<string, Intl.NumberFormat>();
const units = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/**
 * A post's age in a card's corner: "now", "3s", "5m", "2h" (the narrow units of the person's
 * language). A column is a quarter of the screen: "3 seconds ago" there is the author's name
 * cut to "Julien …". Cards keep the full sentence for screen readers and the tooltip.
 */
export function formatPostAge(at: number, now: number, locale: string): string | null {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 1) return null;
  const [unit, size] = units.find(([, unitSeconds]) => seconds >= unitSeconds) ?? units[3];
  const key = `${locale}|${unit}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' });
    formatters.set(key, formatter);
  }
  return formatter.format(Math.floor(seconds / size));
}
