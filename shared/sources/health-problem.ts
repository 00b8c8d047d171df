import { z } from 'zod';
import englishSources from '../i18n/locales/en/sources.json';

/**
 * Why a source's last poll or stream failed, as a code and its parameters: the health line
 * says it in the reader's language (`sources:problems.<code>`). The English sentence is still
 * stored beside it (`lastError`), for the post-event report, logs and rows written before
 * problems had codes.
 */
export type HealthProblemCode = keyof (typeof englishSources)['problems'];
export const healthProblemCodes = Object.keys(englishSources.problems) as [HealthProblemCode, ...HealthProblemCode[]];

export const HealthProblem = z.object({
  code: z.enum(healthProblemCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type HealthProblem = z.infer<typeof HealthProblem>;
export type HealthProblemParams = HealthProblem['params'];

/** A problem with the English sentence made from it: what failures carry until they are stored. */
export interface SaidProblem {
  message: string;
  problem: HealthProblem;
}

export function said(code: HealthProblemCode, params: HealthProblemParams = {}): SaidProblem {
  const problem = { code, params };
  return { message: englishProblem(problem), problem };
}

/** "20 seconds", "1,5 seconde", "5 minutes": a wait the way the reader's language says it. */
export function durationIn(locale: string, ms: number): string {
  const seconds = ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000);
  const minutes = Math.round(seconds / 60);
  const [amount, unit] =
    seconds < 120 ? [seconds, 'second'] : minutes < 120 ? [minutes, 'minute'] : [Math.round(minutes / 60), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
    amount,
  );
}

/** "15 MiB" when it is a whole number of them, or the bytes. */
export function sizeIn(locale: string, bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const french = locale.startsWith('fr');
  if (Number.isInteger(mib)) return `${new Intl.NumberFormat(locale).format(mib)} ${french ? 'Mio' : 'MiB'}`;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long', useGrouping: false }).format(
    bytes,
  );
}

/**
 * Parameters as the reader reads them: `…Ms` as a duration, `…Bytes` as a size, other
 * numbers by `Intl`; text (a status line, a technical detail) as it came.
 */
export function problemParams(params: HealthProblemParams, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
    else if (name.endsWith('Ms')) out[name] = durationIn(locale, value);
    else if (name.endsWith('Bytes')) out[name] = sizeIn(locale, value);
    else out[name] = new Intl.NumberFormat(locale).format(value);
  }
  return out;
}

/** A problem's template filled in: `{{name}}` placeholders only, as the catalog writes them. */
export function fillProblem(template: string, problem: HealthProblem, locale: string): string {
  const params = problemParams(problem.params, locale);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}

export function englishProblem(problem: HealthProblem): string {
  return fillProblem(englishSources.problems[problem.code], problem, 'en');
}
