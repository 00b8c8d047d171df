import { catalog } from '../../i18n/catalog';
import { sayPublishProblem } from '../../publishing/publish-problem';
import { fillProblem } from '../../sources/health-problem';
import type {
  EngagementCounts,
  PublishedLink,
  ReportFigures,
  ReportResponse,
  ReportSection,
  SourceHealth,
} from '../figures';
import { reportSections } from '../figures';
import { columnCharts, volumeChart } from './charts';
import { reportStyles } from './styles';
import { escapeHtml, formatDuration, reportWords, roomClock, type ReportLanguage, type ReportWords } from './words';

export interface ReportDocumentOptions {
  language: ReportLanguage;
  sections: readonly ReportSection[];
  /** The team's lessons learned, written in the Report view; plain text, goes at the top. */
  debrief: string;
  pageSize: 'A4' | 'Letter';
  /** Counts of the published posts, fetched at export time (absent in the live view). */
  counts?: EngagementCounts;
}

type Clock = ReturnType<typeof roomClock>;
interface Ctx {
  f: ReportFigures;
  w: ReportWords;
  clock: Clock;
  counts: EngagementCounts | undefined;
}

const table = (head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string =>
  `<table><thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (row) => `<tr>${row.map((cell, n) => `<td${numeric.has(n) ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');

const link = (url: string | null, label: string): string =>
  url && /^https?:\/\//.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);

function summary({ f, w }: Ctx): string {
  const h = f.headline;
  const card = (label: string, value: string) => `<div class="card"><b>${value}</b>${label}</div>`;
  const spread = (s: { median: number | null; p90: number | null }) =>
    `${formatDuration(s.median)} / ${formatDuration(s.p90)}`;
  const cards = [
    card(w.t('doc.headline.momentsSeen'), w.number(h.momentsSeen)),
    card(w.t('doc.headline.momentsAnswered'), w.number(h.momentsAnswered)),
    card(w.t('doc.headline.toPublished'), spread(h.triggerToPublished)),
    card(w.t('doc.headline.toApproved'), spread(h.triggerToApproved)),
    card(
      w.t('doc.headline.insideFreshness', { window: formatDuration(f.room.freshnessWindowMs) }),
      `${w.number(h.insideFreshness)} / ${w.number(h.published)}`,
    ),
    card(w.t('doc.headline.published'), w.number(h.published)),
    card(w.t('doc.headline.watchAlerts'), w.number(h.watchAlerts)),
    card(
      w.t('doc.headline.perNetwork'),
      escapeHtml(h.publishedPerNetwork.map((n) => `${n.key} ${n.count}`).join(' · ') || '–'),
    ),
  ].join('');
  const team = f.team
    .map(
      (m) =>
        `${escapeHtml(m.name)} (${escapeHtml(w.code('drafts', 'roles', m.role))}${m.removed ? `, ${w.t('doc.removed')}` : ''})`,
    )
    .join(', ');
  const sources = table(
    ['source', 'kind', 'allied', 'items', 'active', 'silence', 'state'].map((c) => w.t(`doc.col.${c}`)),
    f.sources.map((s) => [
      escapeHtml(s.label),
      escapeHtml(w.code('sources', 'kinds', s.kind)),
      s.allied ? w.t('doc.yes') : w.t('doc.no'),
      w.number(s.items),
      w.percent(s.activeShare),
      w.t('doc.minutes', { count: s.longestSilenceMinutes }),
      `${escapeHtml(w.code('sources', 'states', s.state))}${why(s, w) ? ` <span class="muted">${escapeHtml(why(s, w) ?? '')}</span>` : ''}`,
    ]),
    new Set([3, 4, 5]),
  );
  const languages = f.items.languages
    .map((l) => `${l.key === '' ? w.t('doc.noLanguage') : escapeHtml(l.key)} ${w.number(l.count)}`)
    .join(' · ');
  return `<div class="cards">${cards}</div>
<h3>${w.t('doc.team')}</h3><p>${team || w.t('doc.none')}</p>
<h3>${w.t('doc.sources')}</h3>${f.sources.length ? sources : `<p>${w.t('doc.none')}</p>`}
<p>${w.t('doc.items', { total: w.number(f.items.total), during: w.number(f.items.duringEvent) })}</p>
<p>${w.t('doc.languages')}: ${languages || '–'}</p>`;
}

function timeline({ f, w, clock }: Ctx): string {
  const chart = volumeChart(
    f.timeline,
    {
      title: w.t('doc.chart.volume'),
      cue: w.t('doc.chart.legendCue'),
      moment: w.t('doc.chart.legendMoment'),
      published: w.t('doc.chart.legendPublished'),
    },
    clock.time,
  );
  const columns = columnCharts(f.timeline, (name, share) => w.t('doc.share', { name, share: w.percent(share) }));
  return `<figure>${chart}</figure>${
    f.timeline.columns.length ? `<h3>${w.t('doc.chart.columns')}</h3><div class="small-charts">${columns}</div>` : ''
  }`;
}

function howDetected(m: ReportFigures['moments'][number], w: ReportWords): string {
  if (m.kind === 'spike' && m.columnName) return w.t('doc.how.spikeColumn', { column: m.columnName });
  if (m.kind === 'emerging') return w.t('doc.how.emerging', { term: m.term ?? '' });
  if (m.kind === 'watch') return w.t('doc.how.watch', { column: m.columnName ?? '' });
  return w.t(`doc.how.${m.kind}`);
}

function moments({ f, w, clock }: Ctx): string {
  if (!f.moments.length) return `<p>${w.t('doc.none')}</p>`;
  return table(
    ['onset', 'moment', 'detection', 'delay', 'drafts', 'decision'].map((c) => w.t(`doc.col.${c}`)),
    f.moments.map((m) => [
      clock.time(m.onsetAt),
      `${w.t(`doc.kind.${m.kind}`)}${m.note ? `: ${escapeHtml(m.note)}` : m.term ? `: ${escapeHtml(m.term)}` : ''}`,
      howDetected(m, w),
      formatDuration(m.detectionDelayMs),
      w.number(m.drafts),
      `${w.t(`doc.decision.${m.decision}`)}${m.publishedAt ? ` ${clock.time(m.publishedAt)}` : ''}`,
    ]),
    new Set([3, 4]),
  );
}

function countsOf(response: ReportResponse, counts: EngagementCounts | undefined): string {
  const posts = response.links.flatMap((l) => (l.url ? (counts?.posts.filter((p) => p.url === l.url) ?? []) : []));
  return posts
    .map((p) => [p.favourites, p.boosts, p.replies].map((n) => (n === null ? '–' : n)).join(' / '))
    .join('<br>');
}

/**
 * A channel's state in the report's language, with why it waits or failed: the failure from
 * its code and parameters, or the English sentence an entry stored before codes kept.
 */
function linkState(l: PublishedLink, w: ReportWords): string {
  const state = escapeHtml(w.code('publishing', 'entryStates', l.state));
  const waiting = l.waitReason ? ` (${escapeHtml(w.code('publishing', 'waitReasons', l.waitReason))})` : '';
  const why = l.failureProblem ? sayPublishProblem(l.failureProblem, w.language) : l.failureReason;
  return `${state}${waiting}${why ? w.t('doc.because', { reason: why }) : ''}`;
}

function responses({ f, w, clock, counts }: Ctx): string {
  if (!f.responses.length) return `<p>${w.t('doc.none')}</p>`;
  const step = (from: number, to: number | null) =>
    to === null ? '–' : `${clock.time(to)} <span class="muted">+${formatDuration(to - from)}</span>`;
  const rows = f.responses.map((r) => [
    `${escapeHtml(r.excerpt)}<br><span class="muted">${escapeHtml(r.author)} · ${escapeHtml(w.code('drafts', 'states', r.state))} · ${escapeHtml(r.networks.join(', '))}</span>${
      r.override ? `<br>${w.t('doc.override', { by: r.override.by, reason: r.override.reason })}` : ''
    }${r.insideFreshness === false ? `<br><span class="bad">${w.t('doc.freshOutside')}</span>` : ''}`,
    clock.time(r.triggerAt),
    step(r.triggerAt, r.firstEditAt),
    step(r.triggerAt, r.submittedAt),
    step(r.triggerAt, r.approvedAt),
    step(r.triggerAt, r.publishedAt),
    r.approvers.map((a) => `${escapeHtml(a.name)} (${escapeHtml(w.code('drafts', 'slots', a.slot))})`).join(', ') ||
      '–',
    r.links
      .map((l) => `${link(l.url, `${l.network} ${l.channel}`)} <span class="muted">${linkState(l, w)}</span>`)
      .join('<br>') || '–',
    countsOf(r, counts) || '–',
  ]);
  const note = !counts
    ? ''
    : counts.status === 'fetched'
      ? w.t('doc.countsFetched', { at: clock.dateTime(counts.fetchedAt) })
      : counts.status === 'offline'
        ? w.t('doc.countsOffline', { at: clock.dateTime(counts.fetchedAt) })
        : w.t('doc.countsNone');
  return `${table(
    ['draft', 'trigger', 'firstEdit', 'submitted', 'approved', 'publishedAt', 'approvers', 'links', 'counts'].map((c) =>
      w.t(`doc.col.${c}`),
    ),
    rows,
  )}${note ? `<p class="muted">${note}</p>` : ''}`;
}

function conversation({ f, w, clock }: Ctx): string {
  const c = f.conversation;
  const posts = table(
    [w.t('doc.col.post'), w.t('doc.col.authorHandle'), w.t('doc.col.engagement')],
    c.topPosts.map((p) => [
      `${clock.time(p.publishedAt)} ${link(p.url, p.text)}`,
      escapeHtml(p.author ?? '–'),
      w.number(p.engagement),
    ]),
    new Set([2]),
  );
  const authors = table(
    [w.t('doc.col.authorHandle'), w.t('doc.col.count')],
    c.topAuthors.map((a) => [escapeHtml(a.key), w.number(a.count)]),
    new Set([1]),
  );
  const terms = c.emergingTerms.map((term) => `${escapeHtml(term.term)} (${clock.time(term.at)})`).join(', ');
  return `<h3>${w.t('doc.topPosts')}</h3>${posts}
<h3>${w.t('doc.emerging')}</h3><p>${terms || w.t('doc.none')}</p>
<p>${w.t('doc.allied', { allied: w.number(c.allied.allied), other: w.number(c.allied.other) })}</p>
<h3>${w.t('doc.topAuthors')}</h3>${authors}`;
}

function process({ f, w, clock }: Ctx): string {
  const p = f.process;
  const list = (rows: string[][], head: string[], numeric: number[]) =>
    rows.length ? table(head, rows, new Set(numeric)) : `<p>${w.t('doc.none')}</p>`;
  return `<h3>${w.t('doc.checklist')}</h3>${list(
    p.checklist.map((c) => [escapeHtml(c.itemId), w.number(c.failed), w.number(c.overridden)]),
    ['item', 'failed', 'overridden'].map((c) => w.t(`doc.col.${c}`)),
    [1, 2],
  )}
<p>${w.t('doc.reviewTime', { median: formatDuration(p.reviewTime.median), p90: formatDuration(p.reviewTime.p90) })}</p>
<h3>${w.t('doc.approvals')}</h3>${list(
    p.approvals.map((a) => [escapeHtml(a.name), escapeHtml(w.code('drafts', 'roles', a.role)), w.number(a.count)]),
    ['member', 'role', 'approvals'].map((c) => w.t(`doc.col.${c}`)),
    [2],
  )}
<h3>${w.t('doc.bank')}</h3>${list(
    p.bankTexts.map((b) => [escapeHtml(b.title), w.number(b.count)]),
    ['title', 'used'].map((c) => w.t(`doc.col.${c}`)),
    [1],
  )}
<h3>${w.t('doc.freezes')}</h3>${list(
    p.freezes.map((z) => [
      clock.time(z.frozenAt),
      escapeHtml(z.frozenBy),
      escapeHtml(z.reason),
      clock.time(z.unfrozenAt),
    ]),
    ['frozenAt', 'frozenBy', 'reason', 'unfrozenAt'].map((c) => w.t(`doc.col.${c}`)),
    [],
  )}
<h3>${w.t('doc.audit', { count: w.number(p.auditTotal) })}</h3>${list(
    p.audit.map((a) => [escapeHtml(w.code('drafts', 'audit.types', a.key)), w.number(a.count)]),
    ['type', 'count'].map((c) => w.t(`doc.col.${c}`)),
    [1],
  )}`;
}

const renderers: Record<ReportSection, (ctx: Ctx) => string> = {
  summary,
  timeline,
  moments,
  responses,
  conversation,
  process,
};

/** The report's body (no <html>): what the Report view shows and the files wrap. */
export function renderReportBody(f: ReportFigures, options: Omit<ReportDocumentOptions, 'pageSize'>): string {
  const w = reportWords(options.language);
  const clock = roomClock(f.room.timeZone, w.locale);
  const ctx: Ctx = { f, w, clock, counts: options.counts };
  const chosen = reportSections.filter((section) => options.sections.includes(section));
  const debrief = options.debrief.trim()
    ? `<section class="debrief" aria-label="${w.t('doc.debrief')}"><h2>${w.t('doc.debrief')}</h2>${paragraphs(options.debrief)}</section>`
    : '';
  return `<article class="riposte-report" lang="${options.language}">
<header><h1>${w.t('doc.title', { room: f.room.name })}</h1>
<p class="tz">${w.t('doc.timeZone', { timeZone: f.room.timeZone })}</p>
<p>${w.t('doc.event', { start: clock.dateTime(f.room.startsAt), end: clock.dateTime(f.room.endsAt) })}<br>
<span class="muted">${w.t('doc.generated', { at: clock.dateTime(f.generatedAt) })}</span></p></header>
${debrief}
${chosen
  .map(
    (section) =>
      `<section id="report-${section}"><h2>${w.t(`doc.sections.${section}`)}</h2>${renderers[section](ctx)}</section>`,
  )
  .join('\n')}
</article>`;
}

/** The whole file: self-contained (inline CSS and SVG), no script, no request when opened. */
export function renderReportDocument(f: ReportFigures, options: ReportDocumentOptions): string {
  const w = reportWords(options.language);
  return `<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.t('doc.title', { room: f.room.name })}</title>
<style>${reportStyles(options.pageSize)}</style></head>
<body>${renderReportBody(f, options)}</body></html>
`;
}

/** Why a source fails, in the report's language; a row from before codes keeps its English sentence. */
function why(source: SourceHealth, w: ReportWords): string | null {
  if (source.problem === null) return source.lastError;
  return fillProblem(catalog[w.language].sources.problems[source.problem.code], source.problem, w.locale);
}
