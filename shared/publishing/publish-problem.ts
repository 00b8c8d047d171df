import { z } from 'zod';
import { catalog, type Locale } from '../i18n/catalog';
import englishPublishing from '../i18n/locales/en/publishing.json';
import { sizeIn } from '../sources/health-problem';

/**
 * Why a post could not go out (or be deleted, or be checked), as a code and its parameters:
 * stored with the outbox entry and said in the reader's language at display time
 * (`publishing:problems.<code>`). A server's own error text travels as the `detail`
 * parameter, as the server wrote it. `step` names what was being done ("uploading x.png"),
 * `then` a second problem met while settling the first (the last try's read-back).
 */
export type PublishProblemCode = keyof (typeof englishPublishing)['problems'];
export const publishProblemCodes = Object.keys(englishPublishing.problems) as [
  PublishProblemCode,
  ...PublishProblemCode[],
];
export type PublishStep = keyof (typeof englishPublishing)['problemSteps'];
export const publishSteps = Object.keys(englishPublishing.problemSteps) as [PublishStep, ...PublishStep[]];

const ProblemParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type PublishProblemParams = z.infer<typeof ProblemParams>;

const SingleProblem = z.object({
  code: z.enum(publishProblemCodes),
  params: ProblemParams,
  step: z.enum(publishSteps).optional(),
});
export const PublishProblem = SingleProblem.extend({ then: SingleProblem.optional() });
export type PublishProblem = z.infer<typeof PublishProblem>;
type SingleProblem = z.infer<typeof SingleProblem>;

export function publishProblem(
  code: PublishProblemCode,
  params: PublishProblemParams = {},
  step?: PublishStep,
): PublishProblem {
  return step === undefined ? { code, params } : { code, params, step };
}

/** The same problem met while doing `step` (kept when a deeper call already named its own). */
export function inStep(problem: PublishProblem, step: PublishStep): PublishProblem {
  return problem.step === undefined ? { ...problem, step } : problem;
}

/** The problem with more parameters (a step's own: the file being uploaded). */
export function withParams(problem: PublishProblem, params: PublishProblemParams): PublishProblem {
  return Object.keys(params).length === 0 ? problem : { ...problem, params: { ...problem.params, ...params } };
}

/** What was being done when a problem was met: a step, with its own parameters, when it has some. */
export type Doing = PublishStep | { step: PublishStep; params: PublishProblemParams };

export function whileDoing(problem: PublishProblem, doing: Doing): PublishProblem {
  return typeof doing === 'string' ? inStep(problem, doing) : inStep(withParams(problem, doing.params), doing.step);
}

/**
 * Parameters as the reader reads them: `…At` as a date and time, `…Bytes` as a size, other
 * numbers by `Intl` (an HTTP status is a code, not a quantity: never grouped); text as it came.
 */
function readableParams(params: PublishProblemParams, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
    else if (name.endsWith('At'))
      out[name] = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(value);
    else if (name.endsWith('Bytes')) out[name] = sizeIn(locale, value);
    else if (name === 'status') out[name] = String(value);
    else out[name] = new Intl.NumberFormat(locale).format(value);
  }
  return out;
}

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');

function saySingle(problem: SingleProblem, language: Locale): string {
  const words = catalog[language].publishing;
  const params = readableParams(problem.params, language);
  const said = fill(words.problems[problem.code], params);
  return problem.step === undefined
    ? said
    : fill(words.problemInStep, { step: fill(words.problemSteps[problem.step], params), problem: said });
}

/** The problem as a phrase in `language`, to follow a colon ("Refused: the server answered 422…"). */
export function sayPublishProblem(problem: PublishProblem, language: Locale): string {
  const first = saySingle(problem, language);
  return problem.then === undefined
    ? first
    : fill(catalog[language].publishing.problemThen, { problem: first, then: saySingle(problem.then, language) });
}

/** The problem as a sentence of its own (an alert's line, the stored English `failureReason`). */
export function publishProblemSentence(problem: PublishProblem, language: Locale): string {
  const phrase = sayPublishProblem(problem, language);
  return phrase.charAt(0).toLocaleUpperCase(language) + phrase.slice(1);
}

export const englishPublishProblem = (problem: PublishProblem): string => publishProblemSentence(problem, 'en');

/** A stored problem read back (JSON text), or null for rows written before problems had codes. */
export function storedPublishProblem(json: string | null): PublishProblem | null {
  if (json === null) return null;
  try {
    const parsed = PublishProblem.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
