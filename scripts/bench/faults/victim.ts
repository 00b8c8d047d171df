/**
 * The process the faults benchmark kills with SIGKILL, again and again: it opens the data
 * directory (taking over the dead owner's lock), keeps a replay streaming into the store,
 * and saves one draft in a tight loop, printing `ack N` once save N is acknowledged. Its
 * first line is `ready MS`: how long the reopened store took to answer its first call.
 * Run with tsx: `node --import tsx scripts/bench/faults/victim.ts DATA_DIR RECORDING`.
 */
import { performance } from 'node:perf_hooks';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { createCore } from '../../../main/core/create-core';
import { createSession } from '../../../main/core/session/session';
import type { IngestRuntime } from '../../../main/core/ingest/pipeline/ingest-runtime';

const [dataDir, recording] = process.argv.slice(2);
if (!dataDir || !recording) throw new Error('usage: victim.ts DATA_DIR RECORDING');

const valueOf = <T>(result: { ok: boolean; value?: unknown; message?: string }): T => {
  if (!result.ok) throw new Error(result.message ?? 'call failed');
  return result.value as T;
};

/** Replays play on the main thread; nothing here polls the network. */
const idleRuntime: IngestRuntime = {
  poll: () => new Promise(() => {}),
  startStream: () => {},
  stopStream: () => {},
  close: async () => {},
};

const openedAt = performance.now();
const core = createCore({ dataDir, shell: 'serve', version: 'bench', seedDemo: false, ingestRuntime: idleRuntime });
const owner = createSession();
const call = (name: string, input: unknown) => core.dispatch(name, input, owner);

const rooms = valueOf<{ id: string }[]>(await call('rooms.list', {}));
process.stdout.write(`ready ${Math.round(performance.now() - openedAt)}\n`);

let roomId = rooms[0]?.id;
if (!roomId) {
  const now = Date.now();
  roomId = valueOf<{ id: string }>(
    await call('rooms.create', {
      name: 'Soak',
      startsAt: now,
      endsAt: now + 3_600_000,
      timeZone: 'Europe/Paris',
      language: 'fr',
    }),
  ).id;
  valueOf(await call('members.add', { roomId, name: 'Saver', role: 'writer' }));
  valueOf(
    await call('sources.add', {
      roomId,
      label: 'Replay',
      config: { kind: 'replay', recording, speed: 60 },
    }),
  );
}
const members = valueOf<RoomMember[]>(await call('members.list', { roomId }));
const saver = members.find((member) => member.name === 'Saver');
if (!saver) throw new Error('the saver is missing');
const session = createSession();
session.identify(roomId, saver.id);
const asSaver = (name: string, input: unknown) => core.dispatch(name, input, session);

let draft = valueOf<DraftView[]>(await asSaver('drafts.list', { roomId }))[0];
draft ??= valueOf<DraftView>(
  await asSaver('drafts.create', { roomId, trigger: { kind: 'scratch' }, body: 'save 0', networks: ['x'] }),
);
let counter = Number(/^save (\d+)$/.exec(draft.body)?.[1] ?? 0);
let version = draft.version;
for (;;) {
  counter += 1;
  const saved = valueOf<DraftView>(
    await asSaver('drafts.save', { id: draft.id, body: `save ${counter}`, baseVersion: version }),
  );
  version = saved.version;
  // Written only once the save is acknowledged: the parent counts these as promised.
  process.stdout.write(`ack ${counter}\n`);
}
