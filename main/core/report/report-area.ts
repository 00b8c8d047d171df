import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { reportCalls, ReportExport, ReportExportInput } from '../../../shared/contract/calls/report';
import type { Role } from '../../../shared/drafts/team';
import { renderReportDocument } from '../../../shared/report/document/render-document';
import type { ReportFigures } from '../../../shared/report/figures';
import type { Area, CoreContext } from '../area';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { Session } from '../session/session';
import type { TeamService } from '../team/team-service';
import { createEngagementFetcher, type EngagementFetcher } from './engagement-counts';
import { exportFileName, exportsFolder } from './export-files';
import type { ReportShell } from './report-shell';
import { runReportJob, type RunningJob } from './worker/report-worker-client';
import type { ReportJob } from './worker/protocol';

export interface ReportAreaDeps extends Pick<CoreContext, 'db' | 'events' | 'now' | 'dataDir'> {
  rooms: RoomService;
  team: Pick<TeamService, 'actingIn'>;
  /** The built report worker (out/main/report-worker.js); from source when absent. */
  workerUrl?: URL;
  shell?: ReportShell;
  engagement?: EngagementFetcher;
}

/** Analysts and up read and export; observers read. */
const exporters: ReadonlySet<Role> = new Set(['lead', 'writer', 'approver', 'legal', 'analyst']);

/**
 * The post-event report: figures counted in a worker thread on its own read-only
 * connection (progress as `report.progress`, cancel by job id), and exports written to
 * `<data dir>/exports/`.
 */
export function createReportArea(deps: ReportAreaDeps): Area<typeof reportCalls> {
  const { db, events, now, dataDir, rooms, team } = deps;
  const engagement = deps.engagement ?? createEngagementFetcher();
  const running = new Map<string, RunningJob<unknown>>();

  const start = <J extends ReportJob>(jobId: string, job: J) => {
    running.get(jobId)?.cancel();
    const run = runReportJob(
      { databaseFile: db.name, ...(deps.workerUrl ? { workerUrl: deps.workerUrl } : {}) },
      job,
      (p) => events.emit('report.progress', { jobId, roomId: job.roomId, ...p }),
    );
    running.set(jobId, run);
    const forget = () => {
      if (running.get(jobId) === run) running.delete(jobId);
    };
    run.result.then(forget, forget);
    return run.result;
  };

  const requireExporter = (roomId: string, session: Session) => {
    const person = team.actingIn(session)(roomId);
    if (!exporters.has(person.role as Role)) {
      throw keyedError(
        'forbidden',
        'errors.report.exportRole',
        `Only analysts and up can export the report; you are ${person.role} in this room.`,
        { params: { role: person.role } },
      );
    }
  };

  const written = (format: ReportExport['format'], fileName: string, rows: number | null): ReportExport => {
    const path = join(exportsFolder(dataDir), fileName);
    return { format, fileName, path, bytes: statSync(path).size, rows };
  };

  const exportDocument = async (input: ReportExportInput, figures: ReportFigures): Promise<ReportExport> => {
    const { timeZone } = figures.room;
    const file = (ext: string) => exportFileName(input.roomId, 'report', ext, figures.generatedAt, timeZone);
    if (input.format === 'json') {
      writeFileSync(join(exportsFolder(dataDir), file('json')), `${JSON.stringify(figures, null, 2)}\n`);
      return written('json', file('json'), null);
    }
    if (input.format !== 'html' && input.format !== 'pdf') throw new Error('not a document');
    const counts = await engagement(
      figures.responses.flatMap((response) => response.links),
      now(),
    );
    const html = renderReportDocument(figures, { ...input.document, counts });
    if (input.format === 'html') {
      writeFileSync(join(exportsFolder(dataDir), file('html')), html);
      return written('html', file('html'), null);
    }
    if (!deps.shell) {
      throw keyedError(
        'unavailable',
        'errors.report.pdfInBrowser',
        'In serve mode, print the report from the browser ("Save as PDF").',
      );
    }
    writeFileSync(
      join(exportsFolder(dataDir), file('pdf')),
      await deps.shell.printToPdf(html, input.document.pageSize),
    );
    return written('pdf', file('pdf'), null);
  };

  return {
    handlers: {
      'report.figures': ({ roomId, jobId }) => {
        rooms.get(roomId);
        return start(jobId, { kind: 'figures', roomId, now: now() });
      },
      'report.cancel': ({ jobId }) => {
        const run = running.get(jobId);
        run?.cancel();
        return { cancelled: run !== undefined };
      },
      'report.export': async (input, session) => {
        const room = rooms.get(input.roomId);
        requireExporter(input.roomId, session);
        if (input.format === 'csv') {
          const at = now();
          const fileName = exportFileName(input.roomId, input.csv.table, 'csv', at, room.timeZone);
          const rows = await start(input.jobId, {
            kind: 'csv',
            roomId: input.roomId,
            now: at,
            choices: input.csv,
            file: join(exportsFolder(dataDir), fileName),
          });
          return written('csv', fileName, rows);
        }
        const figures = await start(input.jobId, { kind: 'figures', roomId: input.roomId, now: now() });
        return exportDocument(input, figures);
      },
      'report.openFolder': async ({ roomId }, session) => {
        rooms.get(roomId);
        requireExporter(roomId, session);
        const path = exportsFolder(dataDir);
        if (!deps.shell) {
          throw keyedError(
            'unavailable',
            'errors.report.noFolderInBrowser',
            'In serve mode, exports download in the browser.',
          );
        }
        await deps.shell.openFolder(path);
        return { path };
      },
    },
    close() {
      for (const run of running.values()) run.cancel();
      running.clear();
    },
  };
}
