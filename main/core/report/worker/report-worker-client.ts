import { Worker } from 'node:worker_threads';
import { errorCodes, type ErrorCode } from '../../../../shared/contract/result';
import type { ReportFigures } from '../../../../shared/report/figures';
import { AppError, keyedError } from '../../errors';
import type { FromReportWorker, ReportJob } from './protocol';

export interface RunningJob<T> {
  result: Promise<T>;
  /** Stops the thread where it is; `result` rejects with errors.report.cancelled. */
  cancel(): void;
}

export type JobResult<J extends ReportJob> = J extends { kind: 'figures' } ? ReportFigures : number;

/** Kept in a variable so bundlers do not treat the source path as an asset to copy. */
const workerSourceFile = './report-worker.ts';

export interface ReportWorkerOptions {
  /** The built worker (out/main/report-worker.js). Absent: the TypeScript source, run with tsx. */
  workerUrl?: URL;
  databaseFile: string;
}

const asCode = (code: string): ErrorCode =>
  ((errorCodes as readonly string[]).find((known) => known === code) as ErrorCode) ?? 'internal';

/** Runs one report job in its own worker thread, with its progress and a cancel. */
export function runReportJob<J extends ReportJob>(
  options: ReportWorkerOptions,
  job: J,
  onProgress: (progress: { phase: string; done: number; total: number }) => void,
): RunningJob<JobResult<J>> {
  const url = options.workerUrl ?? new URL(workerSourceFile, import.meta.url);
  const worker = new Worker(url, {
    workerData: { databaseFile: options.databaseFile, job },
    ...(url.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
    name: 'riposte-report',
  });
  let cancelled = false;
  let settled = false;
  const result = new Promise<JobResult<J>>((resolve, reject) => {
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: FromReportWorker) => {
      switch (message.type) {
        case 'progress':
          if (!settled) onProgress(message);
          return;
        case 'figures':
          return finish(() => resolve(message.figures as JobResult<J>));
        case 'csv':
          return finish(() => resolve(message.rows as JobResult<J>));
        case 'error':
          return finish(() =>
            reject(
              new AppError(
                asCode(message.code),
                message.message,
                message.messageKey ? { messageKey: message.messageKey } : {},
              ),
            ),
          );
      }
    });
    worker.on('error', (error) =>
      finish(() => reject(new AppError('internal', `The report failed: ${error.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(
          cancelled
            ? keyedError('unavailable', 'errors.report.cancelled', 'The report was cancelled.')
            : new AppError('internal', `The report thread stopped (exit code ${code}).`),
        ),
      ),
    );
  });
  return {
    result,
    cancel() {
      if (settled) return;
      cancelled = true;
      void worker.terminate();
    },
  };
}
