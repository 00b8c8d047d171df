/**
 * One life of the app in the crash soak: the real core on the soak's data dir, its outbox
 * sender and the real Mastodon and Bluesky clients (each through its kill proxy). It publishes up to
 * `publish` of the approved drafts that have no entry yet, does what a person watching the
 * outbox would (retry what failed with a safe retry, say "send anyway" to a stale one), and
 * says on stdout, one JSON line each, when it is ready, what it queued, and when everything
 * is settled. The soak SIGKILLs it whenever it likes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { EntryView } from '../../../shared/publishing/outbox';
import { createCore } from '../../../main/core/create-core';
import { createBlueskyPublisher } from '../../../main/core/networks/bluesky/publish';
import { createMastodonPublisher } from '../../../main/core/networks/mastodon/publish';
import type { CreatePublisher } from '../../../main/core/networks/publishing/publisher';
import { callerAs, idleIngest } from './bench-room';
import { seededRandom, soakNow } from './soak-clock';

export const ChildConfig = z.object({
  dataDir: z.string(),
  clock: z.object({ base: z.number(), speed: z.number(), offsetMs: z.number() }),
  roomId: z.string(),
  writerId: z.string(),
  /** Each draft goes to every one of these accounts (Mastodon and Bluesky). */
  accountIds: z.array(z.string()),
  draftIds: z.array(z.string()),
  /** How many new drafts this life may publish (the soak paces the work over its kills). */
  publish: z.number(),
  /** Cancel what this life publishes right away (inside the undo window). */
  cancel: z.boolean(),
  requestTimeoutMs: z.number(),
  seed: z.number(),
});
export type ChildConfig = z.infer<typeof ChildConfig>;

export type ChildMessage =
  { kind: 'ready' } | { kind: 'queued'; draftId: string; entryIds: string[] } | { kind: 'settled' };

const say = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const terminal = (entry: EntryView) =>
  entry.state === 'published' || entry.state === 'cancelled' || (entry.state === 'failed' && !entry.retryable);

async function main() {
  const config = ChildConfig.parse(JSON.parse(process.argv[2] ?? '{}'));
  const random = seededRandom(config.seed);
  const publishers: CreatePublisher = (credentials, options) =>
    credentials.network === 'mastodon'
      ? createMastodonPublisher(credentials, { ...options, requestTimeoutMs: config.requestTimeoutMs })
      : createBlueskyPublisher(credentials, { ...options, requestTimeoutMs: config.requestTimeoutMs });
  const core = createCore({
    dataDir: config.dataDir,
    shell: 'serve',
    version: 'soak',
    seedDemo: false,
    startIngest: false,
    ingestRuntime: idleIngest,
    now: soakNow(config.clock),
    createPublisher: publishers,
  });
  process.once('SIGTERM', () => void core.close().then(() => process.exit(0)));
  say({ kind: 'ready' });
  const asWriter = callerAs(core, config.roomId, config.writerId);
  const tryAs = (name: string, input: unknown) => asWriter(name, input).catch(() => null);
  let budget = config.publish;
  let settled = false;
  for (;;) {
    const view = await asWriter<OutboxView>('outbox.get', { roomId: config.roomId });
    for (const entry of view.entries) {
      if (entry.state === 'failed' && entry.retryable) await tryAs('outbox.retry', { id: entry.id });
      if (entry.waitReason === 'stale') await tryAs('outbox.confirmStale', { id: entry.id });
    }
    const queued = new Set(view.entries.map((e) => e.draftId));
    const next = config.draftIds.find((id) => !queued.has(id));
    if (next !== undefined && budget > 0) {
      budget -= 1;
      const made = await asWriter<EntryView[]>('outbox.publish', { draftId: next, accountIds: config.accountIds });
      say({ kind: 'queued', draftId: next, entryIds: made.map((e) => e.id) });
      if (config.cancel) for (const entry of made) await tryAs('outbox.cancel', { id: entry.id });
    } else if (next === undefined && !settled && view.entries.every(terminal)) {
      settled = true;
      say({ kind: 'settled' });
    }
    await sleep(20 + Math.floor(random() * 130));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
