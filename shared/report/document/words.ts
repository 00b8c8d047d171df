import { catalog } from '../../i18n/catalog';

export type ReportLanguage = 'fr' | 'en';

/** Escapes text for HTML content and attribute values: every string from the store goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Tree = { readonly [key: string]: string | Tree };

/**
 * The report's words in one language, from the report namespace of the UI catalog, so the
 * document and the Report view say the same thing. Params are escaped; the result is HTML.
 */
export function reportWords(language: ReportLanguage) {
  const root = catalog[language].report as Tree;
  const lookup = (key: string): string => {
    let node: string | Tree | undefined = root;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : key;
  };
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    language,
    locale,
    /** The sentence as HTML, its {{params}} escaped. */
    t(key: string, params: Record<string, string | number> = {}): string {
      return escapeHtml(lookup(key)).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        escapeHtml(String(params[name] ?? '')),
      );
    },
    /** A stored code (a role, a state, a kind of audit line) as the report's language says it; unknown codes as they are. */
    code(namespace: 'drafts' | 'sources' | 'publishing', group: string, code: string): string {
      let node: string | Tree | undefined = catalog[language][namespace] as Tree;
      for (const part of [...group.split('.'), code]) node = typeof node === 'object' ? node[part] : undefined;
      return typeof node === 'string' ? node : code;
    },
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    percent: (share: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share),
  };
}
export type ReportWords = ReturnType<typeof reportWords>;

/** Clock and date formats in the room's time zone (said once at the top of the report). */
export function roomClock(timeZone: string, locale: string) {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    time: (at: number | null) => (at === null ? '–' : time.format(at)),
    dateTime: (at: number) => dateTime.format(at),
  };
}

/** A duration as "4 min 30 s", "1 h 05 min" or "12 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
