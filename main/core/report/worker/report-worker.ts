import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors';
import type { ReadDb } from '../../db/read-db';
import { writeCsv } from '../exports/csv-export';
import { computeFigures } from '../figures/compute-figures';
import type { FromReportWorker, ReportWorkerData } from './protocol';

/**
 * The report worker thread: one job (figures, or a CSV), on its own read-only connection
 * to the store, so counting a million items never stalls the main event loop. Cancel is
 * the main side terminating the thread. Built as out/main/report-worker.js; from source
 * with tsx.
 */
const port = parentPort;
if (!port) throw new Error('report-worker must run in a worker thread');
const { databaseFile, job } = workerData as ReportWorkerData;
const post = (message: FromReportWorker) => port.postMessage(message);

async function run(): Promise<void> {
  const connection = new Database(databaseFile, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  const db = connection as unknown as ReadDb;
  try {
    if (job.kind === 'figures') {
      const figures = computeFigures(db, job.roomId, job.now, (progress) => post({ type: 'progress', ...progress }));
      post({ type: 'figures', figures });
    } else {
      const rows = await writeCsv(db, job.roomId, job.choices, job.file, job.now, (done, total) =>
        post({ type: 'progress', phase: 'csv', done, total }),
      );
      post({ type: 'csv', rows });
    }
  } finally {
    connection.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof AppError) {
    post({ type: 'error', code: error.code, message: error.message, messageKey: error.messageKey ?? null });
  } else {
    post({
      type: 'error',
      code: 'internal',
      message: error instanceof Error ? error.message : String(error),
      messageKey: null,
    });
  }
});
