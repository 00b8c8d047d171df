import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportFigures } from '../../../shared/report/figures';
import { tempCoresPerTest, valueOf } from '../testing/temp-core';
import { computeFigures } from './figures/compute-figures';
import { buildHandMadeRoom, handMadeRoomId, T0 } from './testing/hand-made-room';
import type { EngagementFetcher } from './engagement-counts';

const tempCore = tempCoresPerTest();
const now = T0 + 4 * 3_600_000;
const offline: EngagementFetcher = async (_links, at) => ({ fetchedAt: at, status: 'offline', posts: [] });
const document = {
  language: 'fr',
  sections: ['summary', 'timeline', 'moments', 'responses', 'conversation', 'process'],
};

function reportCore(options: Parameters<typeof tempCore>[1] = {}) {
  const core = tempCore(() => now, { engagementFetcher: offline, ...options });
  buildHandMadeRoom(core.db);
  const as = (id: string) => core.as({ id, roomId: handMadeRoomId });
  return { core, analyst: as('m-ana'), observer: as('m-obs') };
}

interface Exported {
  fileName: string;
  path: string;
  bytes: number;
  rows: number | null;
}

describe('the report area', () => {
  it('counts the figures in a worker thread, telling its progress', async () => {
    const { core } = reportCore();
    const progress: number[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'report.progress') progress.push((payload as { done: number }).done);
    });
    const figures = valueOf(await core.dispatch('report.figures', { roomId: handMadeRoomId, jobId: 'j1' }));
    expect(figures).toEqual(computeFigures(core.db, handMadeRoomId, now));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('cancels a run by its job id', async () => {
    const { core } = reportCore();
    const pending = core.dispatch('report.figures', { roomId: handMadeRoomId, jobId: 'slow' });
    expect(valueOf(await core.dispatch('report.cancel', { jobId: 'slow' }))).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, messageKey: 'errors.report.cancelled' });
    expect(valueOf(await core.dispatch('report.cancel', { jobId: 'slow' }))).toEqual({ cancelled: false });
  });

  it('lets observers read but only analysts and up export', async () => {
    const { core, observer } = reportCore();
    const input = { roomId: handMadeRoomId, jobId: 'e1', format: 'json' };
    expect(await observer.dispatch('report.export', input)).toMatchObject({
      ok: false,
      code: 'forbidden',
      messageKey: 'errors.report.exportRole',
    });
    expect(await core.dispatch('report.export', input)).toMatchObject({
      ok: false,
      messageKey: 'errors.team.pickYourself',
    });
    expect((await observer.dispatch('report.figures', { roomId: handMadeRoomId, jobId: 'r1' })).ok).toBe(true);
  });

  it('exports the HTML document: self-contained, no script, times in the room zone said once, counts dated', async () => {
    const { analyst } = reportCore();
    const result = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'h1',
      format: 'html',
      document: { ...document, debrief: 'Trop lents sur la panne.\n<b>À revoir</b>' },
    });
    expect(result.fileName).toMatch(/^report-room-hand-report-20260720-010000\.html$/);
    expect(result.path).toContain('/exports/');
    const html = readFileSync(result.path, 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http|@import/i);
    expect(html.match(/Europe\/Paris/g)).toHaveLength(1);
    expect(html).toContain('Bilan : Finale « Coupe »');
    expect(html).toContain('&lt;b&gt;À revoir&lt;/b&gt;');
    expect(html).toContain('<svg');
    // Kick-off at 19:00 UTC is 21:00 in Paris in July.
    expect(html).toContain('21:00');
    expect(html).toMatch(/Compteurs non relevés : hors ligne le 20 juillet 2026/);
  });

  it('leaves out the sections the team unticks, in English when asked', async () => {
    const { analyst } = reportCore();
    const result = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'h2',
      format: 'html',
      document: { language: 'en', sections: ['moments'] },
    });
    const html = readFileSync(result.path, 'utf8');
    expect(html).toContain('<h2>Moments</h2>');
    expect(html).not.toContain('<h2>Summary</h2>');
    expect(html).toContain("All times are in the room's time zone: Europe/Paris.");
  });

  it('exports the figures as JSON and, on the desktop, a PDF through the shell; serve mode prints in the browser', async () => {
    const printed: string[] = [];
    const { analyst } = reportCore({
      reportShell: {
        printToPdf: async (html) => {
          printed.push(html);
          return new TextEncoder().encode('%PDF-1.7 fake');
        },
        openFolder: async () => {},
      },
    });
    const json = await analyst.call<Exported>('report.export', { roomId: handMadeRoomId, jobId: 'j', format: 'json' });
    expect(ReportFigures.parse(JSON.parse(readFileSync(json.path, 'utf8'))).headline.momentsSeen).toBe(4);
    const pdf = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'p',
      format: 'pdf',
      document: { ...document, pageSize: 'Letter' },
    });
    expect(readFileSync(pdf.path, 'utf8')).toBe('%PDF-1.7 fake');
    expect(printed[0]).toContain('size: Letter');

    const serve = reportCore();
    expect(
      await serve.analyst.dispatch('report.export', { roomId: handMadeRoomId, jobId: 'p', format: 'pdf', document }),
    ).toMatchObject({ ok: false, code: 'unavailable', messageKey: 'errors.report.pdfInBrowser' });
  });

  it('streams CSV with ; and a BOM, accents, quotes and newlines intact, formulas defused, times in the room zone', async () => {
    const { core, analyst } = reportCore();
    core.db
      .prepare(
        `INSERT INTO items (room_id, source_id, ext_id, author_handle, text, language, published_at, fetched_at, engagement)
         VALUES (?, 's-wide', ?, ?, ?, 'fr', ?, ?, 0)`,
      )
      .run(handMadeRoomId, 'tricky', '@=evil', '=HYPERLINK("http://x")\nÉté « chaud »; "oui"', T0 + 90_000, T0);
    const result = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'c1',
      format: 'csv',
      csv: { table: 'items', delimiter: ';' },
    });
    const bytes = readFileSync(result.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(result.rows).toBe(8);
    expect(rows).toHaveLength(8);
    const tricky = rows.find((row) => row.author_handle === "'@=evil");
    expect(tricky?.text).toBe('\'=HYPERLINK("http://x")\nÉté « chaud »; "oui"');
    expect(tricky?.['published_at (Europe/Paris)']).toBe('2026-07-19 21:01:30');
    expect(tricky?.source).toBe('Tout Mastodon');
  });

  it("exports one column's items, and the drafts with their stopwatch", async () => {
    const { analyst } = reportCore();
    const column = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'c2',
      format: 'csv',
      csv: { table: 'items', columnId: 'c-panne' },
    });
    const items = parse(readFileSync(column.path), { columns: true }) as Array<Record<string, string>>;
    expect(items.map((row) => row.text)).toEqual(['Une panne au stade', 'Encore la panne']);
    const drafts = await analyst.call<Exported>('report.export', {
      roomId: handMadeRoomId,
      jobId: 'c3',
      format: 'csv',
      csv: { table: 'drafts' },
    });
    const rows = parse(readFileSync(drafts.path), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row.id === 'd-spike')).toMatchObject({ to_published_s: '480', inside_freshness: 'yes' });
  });
});
