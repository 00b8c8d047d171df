import { z } from 'zod';
import { CsvChoices, DocumentChoices, ExportFileName } from '../../report/exports';
import { ReportFigures } from '../../report/figures';
import { call } from './define-call';
import { Id } from './fields';

/** Names one report run, chosen by the caller, so its progress events and a cancel can find it. */
const JobId = z.string().regex(/^[\w-]{1,64}$/);

export const ReportExportInput = z.discriminatedUnion('format', [
  z.object({ roomId: Id, jobId: JobId, format: z.literal('html'), document: DocumentChoices }),
  z.object({ roomId: Id, jobId: JobId, format: z.literal('pdf'), document: DocumentChoices }),
  z.object({ roomId: Id, jobId: JobId, format: z.literal('json') }),
  z.object({ roomId: Id, jobId: JobId, format: z.literal('csv'), csv: CsvChoices }),
]);
export type ReportExportInput = z.infer<typeof ReportExportInput>;

export const ReportExport = z.object({
  format: z.enum(['html', 'pdf', 'json', 'csv']),
  /** In `<data dir>/exports/`; serve mode downloads it from /exports/<fileName>. */
  fileName: ExportFileName,
  /** On the host's disk; null for a teammate, who downloads it by fileName. */
  path: z.string().nullable(),
  bytes: z.number(),
  /** CSV only: the rows written, header excluded. */
  rows: z.number().nullable(),
});
export type ReportExport = z.infer<typeof ReportExport>;

export const reportCalls = {
  /** Every figure of the room's report, counted off the main thread; `report.progress` tells how far. */
  'report.figures': call(z.object({ roomId: Id, jobId: JobId }), ReportFigures),
  'report.cancel': call(z.object({ jobId: JobId }), z.object({ cancelled: z.boolean() })),
  'report.export': call(ReportExportInput, ReportExport),
  /** Desktop only: shows the exports folder in the system's file manager. */
  'report.openFolder': call(z.object({ roomId: Id }), z.object({ path: z.string().nullable() })),
};

export const reportEvents = {
  'report.progress': z.object({
    jobId: z.string(),
    roomId: z.string(),
    phase: z.string(),
    done: z.number(),
    total: z.number(),
  }),
};
