import type { CsvChoices } from '../../../../shared/report/exports';
import type { ReportFigures } from '../../../../shared/report/figures';

/** One job per worker: the figures of a room, or one of its tables streamed to a CSV file. */
export type ReportJob =
  | { kind: 'figures'; roomId: string; now: number }
  | { kind: 'csv'; roomId: string; now: number; choices: CsvChoices; file: string };

export interface ReportWorkerData {
  /** The store's file, opened read-only by the worker. */
  databaseFile: string;
  job: ReportJob;
}

export type FromReportWorker =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'figures'; figures: ReportFigures }
  | { type: 'csv'; rows: number }
  | { type: 'error'; code: string; message: string; messageKey: string | null };
