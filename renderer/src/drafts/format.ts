/** "4:07" or "1:02:07": an elapsed time as a stopwatch shows it. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function formatClock(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

/** How an answer code (pass, fail, na) reads in the reader's language; given only for answer lines. */
export type AnswerWord = (value: string) => string;

/**
 * Params of an audit line made readable in the reader's language: times as clock times in
 * the person's zone, numbers by `Intl`, a checklist question in the reader's language when
 * the line carries both texts, and an answer code as the reader's word for it.
 */
export function readableParams(
  params: Record<string, string | number>,
  locale: string,
  answerWord?: AnswerWord,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if ((key === 'expiresAt' || key === 'scheduledFor') && typeof value === 'number') {
      out[key] = formatClock(value, locale);
    } else if (typeof value === 'number') {
      out[key] = new Intl.NumberFormat(locale).format(value);
    } else {
      out[key] = value;
    }
  }
  const question = locale.startsWith('fr') ? params['itemFr'] : params['itemEn'];
  if (typeof question === 'string' && question !== '') out['item'] = question;
  const answer = params['value'];
  if (answerWord && typeof answer === 'string') out['value'] = answerWord(answer);
  return out;
}

/** Word-level changes between two revisions (a plain LCS: revisions are post-sized). */
export function wordDiff(before: string, after: string): { text: string; kind: 'same' | 'added' | 'removed' }[] {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * cols + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const out: { text: string; kind: 'same' | 'added' | 'removed' }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ai = a[i];
    const bj = b[j];
    if (ai !== undefined && bj !== undefined && ai === bj) {
      out.push({ text: ai, kind: 'same' });
      i += 1;
      j += 1;
    } else if (
      bj !== undefined &&
      (ai === undefined || (lcs[i * cols + j + 1] ?? 0) >= (lcs[(i + 1) * cols + j] ?? 0))
    ) {
      out.push({ text: bj, kind: 'added' });
      j += 1;
    } else if (ai !== undefined) {
      out.push({ text: ai, kind: 'removed' });
      i += 1;
    }
  }
  return out;
}

/** A time as a `datetime-local` input shows it: the person's own zone, to the minute. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Milliseconds UTC of a `datetime-local` value (read in the person's zone); NaN when empty. */
export function fromLocalInput(value: string): number {
  return value === '' ? Number.NaN : new Date(value).getTime();
}
