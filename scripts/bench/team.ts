/**
 * Team benchmark (issue 16): `npm run bench -- team --json [--no-build] [--seconds N] [--clients N]`.
 * The built host, in this process, serves a room over HTTPS (--team) to 20 teammates, each
 * with their own invite-made session and WebSocket (a worker thread), while a replay feeds
 * ~1,000 items/s. Prints the issue's fixed figures: team.clients, team.latency_p95 (the
 * worst client's ingest → fetched-on-push p95), team.host_lag_p99 (this process's event
 * loop, which is the host's main thread), team.bytes_per_client_s (pushed bytes, batched).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Invite } from '../../shared/contract/calls/access';
import type { RoomMember } from '../../shared/contract/calls/team';
import { createCore } from '../../main/core/create-core';
import { createSession } from '../../main/core/session/session';
import { serializeRecording } from '../../main/core/recordings/recording';
import { loadOrCreateCertificate } from '../../main/host/certificate';
import { startHost } from '../../main/host/start-host';
import { generateLiveRecording } from './live/recording';
import type { ClientReading } from './team/clients';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const clientCount = Number(argValue('--clients') ?? 20);
const measureSeconds = Number(argValue('--seconds') ?? 20);
const warmupSeconds = 3;
const itemsPerSecond = 1000;
const replaySpeed = 60;
const repoRoot = join(import.meta.dirname, '..', '..');
const out = join(repoRoot, 'out');

const log = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
const valueOf = <T>(result: { ok: boolean; value?: unknown; message?: string }): T => {
  if (!result.ok) throw new Error(result.message ?? 'call failed');
  return result.value as T;
};

async function main() {
  if (!args.includes('--no-build')) {
    const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error(`the build failed (${built.status})`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-team-'));
  const core = createCore({
    dataDir,
    shell: 'serve',
    version: 'bench',
    seedDemo: false,
    ingestWorkerUrl: new URL(`file://${join(out, 'main', 'ingest-worker.js')}`),
  });
  const host = await startHost({
    core,
    rendererDir: join(out, 'renderer'),
    bindHost: '127.0.0.1',
    team: { certificate: await loadOrCreateCertificate(dataDir) },
  });
  const origin = host.addresses[0] ?? '';
  try {
    // The lead, at the host machine, sets the room up and invites everyone.
    const owner = createSession();
    const call = (name: string, input: unknown) => core.dispatch(name, input, owner);
    const t0 = Date.now();
    const room = valueOf<{ id: string }>(
      await call('rooms.create', {
        name: 'Bench final',
        startsAt: t0,
        endsAt: t0 + 3 * 3_600_000,
        timeZone: 'UTC',
        language: 'en',
      }),
    );
    const lead = valueOf<RoomMember>(await call('members.add', { roomId: room.id, name: 'Lead', role: 'lead' }));
    await call('session.identify', { roomId: room.id, memberId: lead.id });
    const roles = ['writer', 'approver', 'legal', 'analyst', 'observer'] as const;
    const cookies: string[] = [];
    for (let i = 0; i < clientCount; i += 1) {
      const invite = valueOf<Invite>(
        await call('invites.create', { roomId: room.id, name: `Teammate ${i + 1}`, role: roles[i % roles.length] }),
      );
      cookies.push(`riposte_session=${core.access.redeem(invite.code, `device ${i + 1}`).token}`);
    }

    const recordingPath = join(dataDir, 'firehose.jsonl');
    const seconds = warmupSeconds + measureSeconds + 5;
    const recording = generateLiveRecording({ itemsPerSecond, speed: replaySpeed, seconds, seed: 11 });
    writeFileSync(recordingPath, serializeRecording(recording.header, recording.items));

    const worker = new Worker(new URL('./team/clients.ts', import.meta.url), {
      workerData: {
        origin,
        cookies,
        roomId: room.id,
        warmupMs: warmupSeconds * 1000,
        measureMs: measureSeconds * 1000,
      },
    });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const readings = await new Promise<ClientReading[]>((resolve, reject) => {
      worker.on('message', (message: { kind: string; readings?: ClientReading[]; message?: string }) => {
        if (message.kind === 'connected') {
          void call('sources.add', {
            roomId: room.id,
            label: 'Firehose',
            config: { kind: 'replay', recording: recordingPath, speed: replaySpeed },
          });
          setTimeout(() => lag.enable(), warmupSeconds * 1000);
        }
        if (message.kind === 'done' && message.readings) resolve(message.readings);
        if (message.kind === 'error') reject(new Error(message.message));
      });
      worker.once('error', reject);
    });
    lag.disable();
    await worker.terminate();

    const p95s = readings.map((reading) => percentile(reading.latencies, 95));
    const seen = readings.reduce((sum, reading) => sum + reading.latencies.length, 0) / readings.length;
    const pushed = readings.reduce((sum, reading) => sum + reading.pushedBytes, 0) / readings.length / measureSeconds;
    const answers = readings.reduce((sum, reading) => sum + reading.answerBytes, 0) / readings.length / measureSeconds;
    const pushes = readings.reduce((sum, reading) => sum + reading.pushes, 0) / readings.length / measureSeconds;
    log({ name: 'team.clients', value: readings.length });
    log({ name: 'team.latency_p95', value: Math.round(Math.max(...p95s)), unit: 'ms', limit: 300 });
    log({ name: 'team.host_lag_p99', value: Math.round((lag.percentile(99) / 1e6) * 10) / 10, unit: 'ms', limit: 20 });
    log({ name: 'team.bytes_per_client_s', value: Math.round(pushed), unit: 'B/s' });
    log({
      name: 'team.context',
      itemsPerSecond,
      itemsSeenPerClientPerSecond: Math.round(seen / measureSeconds),
      pushesPerClientPerSecond: Math.round(pushes * 10) / 10,
      answerBytesPerClientPerSecond: Math.round(answers),
      latencyP95PerClient: p95s.map((value) => Math.round(value)),
      note: 'a client fetches the newest 50 items on each push, as a column does; host and clients share this machine',
    });
  } finally {
    await host.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
