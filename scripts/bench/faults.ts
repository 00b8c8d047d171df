/**
 * Faults benchmark (issue 17):
 * `npm run bench -- faults --json [--kills N] [--calls N] [--huge-items N] [--no-build]`.
 *
 * 1. The kill-9 soak: a Riposte process (faults/victim.ts) streams a replay into its store
 *    and saves a draft in a tight loop; it is killed with SIGKILL at a random moment, N
 *    times. After each kill the store is checked (`integrity_check`, and the draft holds at
 *    least the last save the dead process acknowledged), then a new process reopens it
 *    (taking over the dead owner's lock) and says how long it took to answer.
 * 2. The slow reader: a serve-mode host in this process, and a client that sends calls with
 *    large answers but never reads; the host's peak RSS is the figure.
 * 3. The huge feed (faults/huge-feed.ts): the built serve mode in its own process stores one
 *    200k-entry feed; its RSS 10 s after the last entry was stored is the figure.
 *
 * Prints the fixed figures: faults.kills, faults.acked_lost, faults.integrity_failures,
 * faults.worst_recovery_ms, faults.slow_reader_rss_mb; and faults.huge_feed_rss_mb.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { NormalizedItem } from '../../shared/domain/item';
import { createCore } from '../../main/core/create-core';
import { databaseFileName } from '../../main/core/db/open-database';
import type { IngestRuntime } from '../../main/core/ingest/pipeline/ingest-runtime';
import { createItemWriter } from '../../main/core/items/item-writer';
import { serializeRecording } from '../../main/core/recordings/recording';
import { createSession } from '../../main/core/session/session';
import { startHost } from '../../main/host/start-host';
import { clientFrame, stalledClient } from '../../main/host/testing/stalled-client';
import { hugeFeed } from './faults/huge-feed';
import { generateLiveRecording } from './live/recording';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const kills = Number(argValue('--kills') ?? 25);
const slowCalls = Number(argValue('--calls') ?? 3000);
const hugeItems = Number(argValue('--huge-items') ?? 200_000);
const victimScript = join(import.meta.dirname, 'faults', 'victim.ts');

const log = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const valueOf = <T>(result: { ok: boolean; value?: unknown; message?: string }): T => {
  if (!result.ok) throw new Error(result.message ?? 'call failed');
  return result.value as T;
};

interface VictimRun {
  /** How long the reopened store took to answer its first call. */
  readyMs: number;
  /** The last save the process acknowledged before it was killed. */
  lastAck: number;
}

/** Starts the victim, lets it save for a random while after its first acknowledged save, then SIGKILLs it. */
function runAndKill(dataDir: string, recording: string, random: () => number): Promise<VictimRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', victimScript, dataDir, recording], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let readyMs = Number.NaN;
    let lastAck = 0;
    let errors = '';
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, value] = line.split(' ');
      if (word === 'ready') readyMs = Number(value);
      if (word !== 'ack') return;
      lastAck = Math.max(lastAck, Number(value));
      // Somewhere in the next 50–650 ms: mid-transaction, mid-checkpoint, mid-replay batch.
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(random() * 600));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      if (signal !== 'SIGKILL') reject(new Error(`the victim exited by itself (${code}): ${errors.slice(-2000)}`));
      else if (Number.isNaN(readyMs)) reject(new Error(`the victim never opened its store: ${errors.slice(-2000)}`));
      else resolve({ readyMs, lastAck });
    });
  });
}

/** What survived: SQLite's own verdict, and the draft's last saved counter. */
function inspect(dataDir: string): { integrity: string; saved: number } {
  const db = new Database(join(dataDir, databaseFileName));
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const body = db.prepare<[], { body: string }>('SELECT body FROM drafts LIMIT 1').get()?.body ?? '';
    return { integrity, saved: Number(/^save (\d+)$/.exec(body)?.[1] ?? 0) };
  } finally {
    db.close();
  }
}

async function soak() {
  const work = mkdtempSync(join(tmpdir(), 'riposte-bench-faults-'));
  try {
    const recording = join(work, 'soak.jsonl');
    const generated = generateLiveRecording({ itemsPerSecond: 200, speed: 60, seconds: 60, seed: 17 });
    writeFileSync(recording, serializeRecording(generated.header, generated.items));
    const dataDir = join(work, 'data');
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let ackedLost = 0;
    let integrityFailures = 0;
    let worstRecoveryMs = 0;
    let acked = 0;
    for (let kill = 0; kill < kills; kill++) {
      const run = await runAndKill(dataDir, recording, random);
      // The first start creates the store: only reopenings after a kill are recoveries.
      if (kill > 0) worstRecoveryMs = Math.max(worstRecoveryMs, run.readyMs);
      const { integrity, saved } = inspect(dataDir);
      if (integrity !== 'ok') integrityFailures += 1;
      if (saved < run.lastAck) ackedLost += run.lastAck - saved;
      acked += run.lastAck;
    }
    return { ackedLost, integrityFailures, worstRecoveryMs, acked };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface SlowReading {
  peakRssMb: number;
  baselineRssMb: number;
  /** Where the RSS went: V8's heap and the memory outside it (Buffers), at their highest. */
  peakHeapMb: number;
  peakExternalMb: number;
  closed: boolean;
}

async function slowReader(): Promise<SlowReading> {
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-slow-'));
  const idle: IngestRuntime = {
    poll: () => new Promise(() => {}),
    startStream: () => {},
    stopStream: () => {},
    close: async () => {},
  };
  const core = createCore({ dataDir, shell: 'serve', version: 'bench', seedDemo: false, ingestRuntime: idle });
  const rendererDir = mkdtempSync(join(tmpdir(), 'riposte-bench-renderer-'));
  const host = await startHost({ core, rendererDir });
  try {
    const owner = createSession();
    const now = Date.now();
    const room = valueOf<{ id: string }>(
      await core.dispatch(
        'rooms.create',
        { name: 'Slow', startsAt: now, endsAt: now + 3_600_000, timeZone: 'Europe/Paris', language: 'fr' },
        owner,
      ),
    );
    const source = valueOf<{ id: string }>(
      await core.dispatch(
        'sources.add',
        { roomId: room.id, label: 'Wire', config: { kind: 'feed', url: 'https://news.example.com/feed.xml' } },
        owner,
      ),
    );
    const items: NormalizedItem[] = Array.from({ length: 2000 }, (_, index) => ({
      extId: `i${index}`,
      url: `https://news.example.com/${index}`,
      authorHandle: '@wire',
      authorName: 'Wire',
      text: `Item ${index} `.repeat(40),
      html: null,
      language: 'fr',
      publishedAt: now - index * 1000,
      engagement: {},
      mediaUrls: [],
    }));
    createItemWriter(core.db).writeBatch(room.id, source.id, items, now);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakHeap = 0;
    let peakExternal = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapTotal);
      peakExternal = Math.max(peakExternal, usage.external);
    }, 10);
    const stalled = await stalledClient(host.port, host.token);
    // Each answer is ~120 KiB: thousands of them would be hundreds of MiB held for one socket.
    for (let id = 1; id <= slowCalls; id++) {
      stalled.write(clientFrame(JSON.stringify({ id, call: 'items.latest', input: { roomId: room.id, limit: 200 } })));
    }
    const deadline = Date.now() + 60_000;
    while (host.connections() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const closed = host.connections() === 0;
    // Calls already read from the socket finish; measure until they have.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(sampler);
    stalled.destroy();
    const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
    return {
      peakRssMb: mb(peak),
      baselineRssMb: mb(baseline),
      peakHeapMb: mb(peakHeap),
      peakExternalMb: mb(peakExternal),
      closed,
    };
  } finally {
    await host.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

async function main() {
  // The huge feed runs the built serve mode, as a person runs it.
  if (!args.includes('--no-build')) {
    const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (built.status !== 0) throw new Error(`the build failed (${built.status})`);
  }
  const soaked = await soak();
  log({ name: 'faults.kills', value: kills });
  log({ name: 'faults.acked_lost', value: soaked.ackedLost, limit: 0 });
  log({ name: 'faults.integrity_failures', value: soaked.integrityFailures, limit: 0 });
  log({ name: 'faults.worst_recovery_ms', value: soaked.worstRecoveryMs, unit: 'ms' });
  const slow = await slowReader();
  log({ name: 'faults.slow_reader_rss_mb', value: slow.peakRssMb, unit: 'MiB', limit: 400 });
  log({
    name: 'faults.context',
    ackedSaves: soaked.acked,
    slowReaderClosed: slow.closed,
    slowCalls,
    rssBeforeMb: slow.baselineRssMb,
    slowReaderHeapMb: slow.peakHeapMb,
    slowReaderExternalMb: slow.peakExternalMb,
  });
  const huge = await hugeFeed(hugeItems);
  log({ name: 'faults.huge_feed_rss_mb', value: huge.rssAfterMb, unit: 'MiB', limit: 300 });
  log({
    name: 'faults.huge_feed_context',
    items: huge.items,
    bodyMb: huge.bodyMb,
    storedMs: huge.storedMs,
    rssBeforeMb: huge.rssBeforeMb,
    peakRssMb: huge.peakRssMb,
    settlingRssMb: huge.settlingRssMb,
    slowestAnswerMs: huge.slowestAnswerMs,
  });
  const failed =
    soaked.ackedLost > 0 ||
    soaked.integrityFailures > 0 ||
    slow.peakRssMb > 400 ||
    !slow.closed ||
    huge.items < hugeItems ||
    huge.rssAfterMb > 300;
  process.exitCode = failed ? 1 : 0;
}

await main();
