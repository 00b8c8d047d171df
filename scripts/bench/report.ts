/**
 * Post-event report benchmark: a 1M-item room with 50 moments and 100 drafts.
 *   node --import tsx scripts/bench/report.ts --json [--items N]
 * Prints one JSON object per line with the fixed names report.figures_s, report.html_s,
 * report.csv_s, report.csv_memory_mb and report.main_lag_p99, each with the room size
 * beside it and the limit it is compared with. Figures and CSV run in the report worker
 * thread, as in the app, while the main event loop's lag is sampled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderReportDocument } from '../../shared/report/document/render-document';
import { reportSections } from '../../shared/report/figures';
import { openDatabase } from '../../main/core/db/open-database';
import { runReportJob } from '../../main/core/report/worker/report-worker-client';
import { buildSyntheticRoom } from './synthetic-room';

const args = process.argv.slice(2);
const at = args.indexOf('--items');
const items = Number(at === -1 ? 1_000_000 : args[at + 1]);
const roomId = 'room-bench';
const startMs = Date.UTC(2026, 6, 19, 19, 0, 0);
const durationMs = 3 * 3_600_000;
const room = { items, moments: 50, drafts: 100 };
const print = (name: string, value: number, limit: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, limit, pass: value <= limit, room }));

const dir = mkdtempSync(join(tmpdir(), 'riposte-bench-report-'));
try {
  const db = openDatabase(dir);
  buildSyntheticRoom(db, { items, roomId, startMs, durationMs, seed: 42 });
  db.prepare("INSERT INTO room_members (id, room_id, name, role, created_at) VALUES ('m1', ?, 'Lou', 'lead', ?)").run(
    roomId,
    startMs,
  );
  const moment = db.prepare(
    `INSERT INTO moments (id, room_id, kind, onset_at, detected_at, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'new', ?, ?)`,
  );
  const kinds = ['spike', 'emerging', 'watch', 'manual', 'scheduled'];
  for (let m = 0; m < 50; m += 1) {
    const onset = startMs + m * 200_000;
    moment.run(`mo-${m}`, roomId, kinds[m % kinds.length], onset, onset + 60_000, onset, onset);
  }
  const draft = db.prepare(
    `INSERT INTO drafts (id, room_id, body, networks, trigger_kind, trigger_ref, author_id, state, version, expires_at,
       approvals, trigger_at, first_edit_at, submitted_at, approved_at, published_at, created_at, updated_at)
     VALUES (?, ?, ?, '["mastodon"]', 'moment', ?, 'm1', 'published', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let d = 0; d < 100; d += 1) {
    const trigger = startMs + (d % 50) * 200_000 + 60_000;
    const approvals = JSON.stringify([{ slot: 'brand', memberId: 'm1', at: trigger + 300_000 }]);
    draft.run(
      `d-${d}`,
      roomId,
      `Réponse ${d}`,
      `mo-${d % 50}`,
      trigger + 1_200_000,
      approvals,
      trigger,
      trigger + 30_000,
      trigger + 120_000,
      trigger + 300_000,
      trigger + 400_000 + d * 1000,
      trigger,
      trigger,
    );
  }
  db.exec('ANALYZE');
  const databaseFile = db.name;

  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const workerUrl = new URL('../../main/core/report/worker/report-worker.ts', import.meta.url);
  let started = performance.now();
  const figures = await runReportJob(
    { databaseFile, workerUrl },
    { kind: 'figures', roomId, now: Date.now() },
    () => {},
  ).result;
  print('report.figures_s', (performance.now() - started) / 1000, 10, 's');

  started = performance.now();
  const again = await runReportJob({ databaseFile, workerUrl }, { kind: 'figures', roomId, now: Date.now() }, () => {})
    .result;
  writeFileSync(
    join(dir, 'report.html'),
    renderReportDocument(again, { language: 'fr', sections: [...reportSections], debrief: '', pageSize: 'A4' }),
  );
  print('report.html_s', (performance.now() - started) / 1000, 15, 's');

  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  started = performance.now();
  await runReportJob(
    { databaseFile, workerUrl },
    { kind: 'csv', roomId, now: Date.now(), choices: { table: 'items', delimiter: ';' }, file: join(dir, 'items.csv') },
    () => {},
  ).result;
  clearInterval(sampler);
  print('report.csv_s', (performance.now() - started) / 1000, 10, 's');
  print('report.csv_memory_mb', (peak - before) / 1_048_576, 150, 'MB');
  lag.disable();
  print('report.main_lag_p99', lag.percentile(99) / 1e6, 20, 'ms');
  if (figures.items.total !== items) throw new Error(`counted ${figures.items.total} items, built ${items}`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
