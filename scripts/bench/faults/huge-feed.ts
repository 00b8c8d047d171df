/**
 * The huge feed (issue 17): the built serve mode (out/main/host.js) in its own process, one
 * feed source whose single document holds 200k entries (compact, to fit the fetcher's 15 MiB
 * body cap), served from this process on 127.0.0.1. Once every entry is stored, the host's
 * RSS is read from /proc (the whole process: main, the ingest worker, the writer thread).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { databaseFileName } from '../../../main/core/db/open-database';

const hostEntry = join(import.meta.dirname, '..', '..', '..', 'out', 'main', 'host.js');

export interface HugeFeedReading {
  items: number;
  bodyMb: number;
  /** The host's RSS once the feed is stored and the host has settled. */
  rssAfterMb: number;
  /** Its highest RSS meanwhile (VmHWM). */
  peakRssMb: number;
  /** Before the source was added. */
  rssBeforeMb: number;
  storedMs: number;
  /** RSS each second after the last entry was stored. */
  settlingRssMb: number[];
  /** The slowest answer to a call a tab made every 50 ms while the host settled. */
  slowestAnswerMs: number;
}

/** VmRSS and VmHWM of a process, in MiB. */
export function processRss(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

function feedBody(items: number): Buffer {
  const parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'];
  for (let index = items; index > 0; index--)
    parts.push(`<item><guid>${index}</guid><title>Wire ${index}</title></item>`);
  parts.push('</channel></rss>');
  return Buffer.from(parts.join(''));
}

function startHost(dataDir: string): Promise<{ child: ChildProcess; loginUrl: string }> {
  const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir, '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RIPOSTE_DATA_DIR: '' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('serve mode has no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /Open (https?:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve({ child, loginUrl: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve mode exited with ${code}: ${stderr}`)));
  });
}

/** One WebSocket client, as a tab is: calls answered by id. */
async function connect(loginUrl: string) {
  const url = new URL(loginUrl);
  const socket = new WebSocket(`ws://${url.host}/api`, {
    headers: { cookie: `riposte_session=${url.searchParams.get('token') ?? ''}`, origin: url.origin },
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const waiting = new Map<number, (result: { ok: boolean; value?: unknown; message?: string }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: { ok: boolean } };
    if (message.kind === 'result' && message.id !== undefined && message.result)
      waiting.get(message.id)?.(message.result);
  });
  const call = <T>(name: string, input: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (result) => {
        waiting.delete(id);
        if (result.ok) resolve(result.value as T);
        else reject(new Error(result.message ?? `${name} failed`));
      });
      socket.send(JSON.stringify({ id, call: name, input }));
    });
  return { call, close: () => socket.close() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function hugeFeed(items = 200_000, settleMs = 10_000): Promise<HugeFeedReading> {
  const body = feedBody(items);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-huge-'));
  const host = await startHost(dataDir);
  const pid = host.child.pid ?? 0;
  try {
    const client = await connect(host.loginUrl);
    const now = Date.now();
    const room = await client.call<{ id: string }>('rooms.create', {
      name: 'Huge',
      startsAt: now - 3_600_000,
      endsAt: now + 3_600_000,
      timeZone: 'UTC',
      language: 'en',
    });
    await sleep(2000);
    const before = processRss(pid);
    const started = Date.now();
    await client.call('sources.add', { roomId: room.id, label: 'Huge wire', config: { kind: 'feed', url: feedUrl } });
    const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items');
    const deadline = Date.now() + 300_000;
    let stored = 0;
    while ((stored = count.get()?.n ?? 0) < items && Date.now() < deadline) await sleep(200);
    const storedMs = Date.now() - started;
    db.close();
    // Each second of the settling, to show how the memory comes back (and that it stays back).
    const settling: number[] = [];
    // Meanwhile a tab's view of the host: how long its slowest answer took (a GC pause on main shows here).
    let slowestAnswerMs = 0;
    let settled = false;
    const asking = (async () => {
      while (!settled) {
        const asked = performance.now();
        await client.call('app.info', {});
        slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - asked);
        await sleep(50);
      }
    })();
    for (let waited = 0; waited < settleMs; waited += 1000) {
      await sleep(1000);
      settling.push(processRss(pid).rssMb);
    }
    settled = true;
    await asking;
    const after = processRss(pid);
    client.close();
    return {
      items: stored,
      bodyMb: Math.round((body.length / (1024 * 1024)) * 10) / 10,
      rssAfterMb: after.rssMb,
      peakRssMb: after.peakMb,
      rssBeforeMb: before.rssMb,
      storedMs,
      settlingRssMb: settling,
      slowestAnswerMs: Math.round(slowestAnswerMs),
    };
  } finally {
    host.child.kill('SIGTERM');
    await new Promise((resolve) => host.child.once('exit', resolve));
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
