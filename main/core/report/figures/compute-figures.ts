import type { ReportFigures } from '../../../../shared/report/figures';
import type { ReadableDb } from '../../db/read-db';
import {
  alliedSplit,
  columnShares,
  itemTotals,
  languages,
  minuteVolume,
  sourceHealth,
  timelineSpan,
  topAuthors,
  topPosts,
} from './item-figures';
import { readRoomRecords } from './room-records';
import { headline, momentRows, processFigures, responseRows } from './team-figures';

/** Told after each step: `done` of `total` steps, and which part is being counted. */
export type ReportProgress = (progress: { phase: string; done: number; total: number }) => void;

/**
 * Every figure of a room's report, from the store. Runs on a readable connection; the app
 * runs it in the report worker thread on a read-only connection, inside one read
 * transaction so every section counts the same items.
 */
export function computeFigures(
  db: ReadableDb,
  roomId: string,
  now: number,
  onProgress: ReportProgress = () => {},
): ReportFigures {
  return db.transaction(() => {
    const records = readRoomRecords(db, roomId);
    const { room } = records;
    const total = 7 + records.columns.length;
    let done = 0;
    const step = (phase: string) => onProgress({ phase, done: (done += 1), total });
    const event = { startsAt: room.startsAt, endsAt: room.endsAt };
    step('records');
    const span = timelineSpan(db, roomId, event);
    const volume = minuteVolume(db, roomId, span);
    const totals = itemTotals(db, roomId, event);
    step('volume');
    const languageCounts = languages(db, roomId);
    step('languages');
    const sources = sourceHealth(db, roomId, records.sources, event);
    const allied = alliedSplit(db, roomId);
    step('sources');
    const posts = topPosts(db, roomId);
    step('topPosts');
    const authors = topAuthors(db, roomId);
    step('authors');
    const columns = columnShares(db, roomId, records.columns, span, () => step('columns'));
    const moments = momentRows(records, now);
    const responses = responseRows(records);
    step('responses');
    return {
      version: 1,
      generatedAt: now,
      room: { ...room, freshnessWindowMs: records.policy.freshnessWindowMs },
      team: records.members.map(({ name, role, removed }) => ({ name, role, removed })),
      sources,
      items: { ...totals, languages: languageCounts },
      headline: headline(records, moments),
      timeline: {
        ...span,
        volume,
        cues: records.cues,
        moments: moments.map((moment) => ({ id: moment.id, kind: moment.kind, at: moment.onsetAt })),
        published: responses
          .filter((response) => response.publishedAt !== null)
          .map((response) => ({ draftId: response.id, at: response.publishedAt ?? 0 })),
        columns,
      },
      moments,
      responses,
      conversation: {
        topPosts: posts,
        emergingTerms: moments
          .filter((moment) => moment.kind === 'emerging' && moment.term !== null)
          .map((moment) => ({ term: moment.term ?? '', at: moment.onsetAt })),
        allied,
        topAuthors: authors,
        languages: languageCounts,
      },
      process: processFigures(records),
    } satisfies ReportFigures;
  })();
}
