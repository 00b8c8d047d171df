/**
 * The 20 teammates of the team benchmark, in a worker thread (their own event loop, so the
 * host's main-thread lag is the host's): one WebSocket each, with its own session cookie,
 * doing what a tab does on a push: fetch the newest 50 items (what a column shows) and show them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

interface ClientsInput {
  origin: string;
  cookies: string[];
  roomId: string;
  warmupMs: number;
  measureMs: number;
}

export interface ClientReading {
  latencies: number[];
  pushedBytes: number;
  answerBytes: number;
  pushes: number;
}

const input = workerData as ClientsInput;

function runClient(cookie: string, measuring: () => boolean): Promise<{ reading: ClientReading; close(): void }> {
  const reading: ClientReading = { latencies: [], pushedBytes: 0, answerBytes: 0, pushes: 0 };
  const socket = new WebSocket(`${input.origin.replace('https:', 'wss:')}/api`, {
    headers: { origin: input.origin, cookie },
    rejectUnauthorized: false,
  });
  let nextId = 1;
  let newestSeen = 0;
  let fetching = false;
  let again = false;
  const pending = new Map<number, (value: unknown) => void>();
  const call = (name: string, callInput: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, call: name, input: callInput }));
    });
  const fetchNewest = async () => {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    do {
      again = false;
      const result = (await call('items.latest', { roomId: input.roomId, limit: 50 })) as {
        ok: boolean;
        value?: Array<{ id: number; publishedAt: number }>;
      };
      const seenAt = Date.now();
      for (const item of result.value ?? []) {
        if (item.id <= newestSeen) continue;
        if (measuring()) reading.latencies.push(seenAt - item.publishedAt);
      }
      newestSeen = Math.max(newestSeen, ...(result.value ?? []).map((item) => item.id));
    } while (again);
    fetching = false;
  };
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown; event?: string };
    if (message.kind === 'result') {
      if (measuring()) reading.answerBytes += data.length;
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
      pending.delete(message.id ?? -1);
      return;
    }
    if (measuring()) {
      reading.pushedBytes += data.length;
      reading.pushes += 1;
    }
    if (message.event === 'items.added') void fetchNewest();
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ reading, close: () => socket.close() }));
    socket.once('error', reject);
  });
}

async function main() {
  let measuring = false;
  const clients = await Promise.all(input.cookies.map((cookie) => runClient(cookie, () => measuring)));
  parentPort?.postMessage({ kind: 'connected', count: clients.length });
  await new Promise((resolve) => setTimeout(resolve, input.warmupMs));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, input.measureMs));
  measuring = false;
  for (const client of clients) client.close();
  parentPort?.postMessage({ kind: 'done', readings: clients.map((client) => client.reading) });
}

void main().catch((error: unknown) => parentPort?.postMessage({ kind: 'error', message: String(error) }));
