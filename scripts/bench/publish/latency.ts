/**
 * Approve → acknowledged, through the real core: a temporary data dir, the real outbox
 * sender (100 ms tick) and the real Mastodon client against the local Mastodon server on
 * 127.0.0.1, in its own thread as a remote instance would be. Each round approves and publishes 50 drafts at once, so 50 are in flight
 * together; the figure is the stored acknowledgement time (the entry's `publishedAt`)
 * minus the stored approval time, minus the undo window (exactly the room's publishHoldMs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { EntryView } from '../../../shared/publishing/outbox';
import { createCore, type Core } from '../../../main/core/create-core';
import { startMastodonServerThread } from './remote-server-thread';
import { approve, callerAs, createBenchRoom, idleIngest, submittedDraft, type BenchRoom } from './bench-room';

export interface LatencyResult {
  latencies: number[];
  holdMs: number;
  inFlight: number;
  /** One status POST straight to the server, no outbox: the floor under the figure. */
  directPostMs: number[];
}

/** Resolves once every entry of the room satisfies `done`, re-reading on each outbox change. */
export async function untilOutbox(
  core: Core,
  roomId: string,
  done: (view: OutboxView) => boolean,
  timeoutMs: number,
): Promise<OutboxView> {
  const read = callerAs(core, null, null);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await read<OutboxView>('outbox.get', { roomId });
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error('The outbox did not settle in time');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, 200);
      const off = core.events.subscribe((name) => name === 'outbox.changed' && finish());
      function finish() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
}

export async function measureLatency(options: { rounds: number; inFlight: number; holdMs: number }) {
  const server = await startMastodonServerThread({ rateLimit: { limit: 10_000, windowMs: 5 * 60_000 } });
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-publish-'));
  const core = createCore({
    dataDir,
    shell: 'serve',
    version: 'bench',
    seedDemo: false,
    startIngest: false,
    ingestRuntime: idleIngest,
  });
  try {
    const room: BenchRoom = await createBenchRoom(core, {
      at: Date.now(),
      instance: server.origin,
      token: server.token,
      publishHoldMs: options.holdMs,
    });
    const asWriter = callerAs(core, room.roomId, room.writerId);
    const read = callerAs(core, null, null);
    const latencies: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const draftIds: string[] = [];
      for (let i = 0; i < options.inFlight; i += 1) {
        draftIds.push(await submittedDraft(core, room, `Réponse ${round}-${i} : nous sommes dessus. #bench`));
      }
      // All of them at once: each approved, then published to the Mastodon account right away.
      const entries = (
        await Promise.all(
          draftIds.map(async (id) => {
            await approve(core, room, id);
            return asWriter<EntryView[]>('outbox.publish', { draftId: id, accountIds: [room.accountId] });
          }),
        )
      ).flat();
      const ids = new Set(entries.map((e) => e.id));
      const view = await untilOutbox(
        core,
        room.roomId,
        (v) => v.entries.filter((e) => ids.has(e.id)).every((e) => e.state === 'published'),
        60_000,
      );
      for (const entry of view.entries.filter((e) => ids.has(e.id))) {
        const draft = await read<DraftView>('drafts.get', { id: entry.draftId });
        const approvedAt = draft.stopwatch.approvedAt;
        if (entry.publishedAt === null || approvedAt === null) throw new Error('an entry lost its times');
        latencies.push(entry.publishedAt - approvedAt - options.holdMs);
      }
    }
    const directPostMs: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      const answer = await fetch(new URL('/api/v1/statuses', server.origin), {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: `Direct ${i}` }),
      });
      await answer.text();
      directPostMs.push(performance.now() - started);
    }
    return { latencies, holdMs: options.holdMs, inFlight: options.inFlight, directPostMs } satisfies LatencyResult;
  } finally {
    await core.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
