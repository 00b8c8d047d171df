/**
 * What the soak counts once everything is settled, from the two sides that cannot lie to
 * each other: the servers' own stores (Mastodon's posts by Idempotency-Key and by text, the
 * PDS's records by text, whatever their key) and the outbox on the data dir, read by a
 * fresh core that does not send.
 */
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import { createCore } from '../../../main/core/create-core';
import { comparableText } from '../../../main/core/networks/mastodon/publish';
import type { FakeBlueskyPds } from '../../../main/core/networks/testing/bluesky-pds-server';
import type { FakeMastodonPublishServer } from '../../../main/core/networks/testing/mastodon-publish-server';
import { htmlToText } from '../../../main/core/sanitize/sanitize-html';
import { callerAs, idleIngest } from './bench-room';

export interface SoakTally {
  /** Remote posts ÷ entries that were not cancelled (a post of a cancelled entry counts too). */
  postsPerEntry: number;
  /** Neither published nor visibly failed or cancelled, published without a post, or queued and gone. */
  entriesLost: number;
  entries: number;
  cancelled: number;
  failedVisibly: number;
  remotePosts: number;
  /** The same counts per network: entries not cancelled and their remote posts. */
  perNetwork: Record<string, { entries: number; posts: number; published: number }>;
}

export async function tallySoak(options: {
  dataDir: string;
  roomId: string;
  /** What each child said it queued: draft → entry ids. */
  queued: ReadonlyMap<string, string[]>;
  server: FakeMastodonPublishServer;
  pds: FakeBlueskyPds;
  now: () => number;
}): Promise<SoakTally> {
  const core = createCore({
    dataDir: options.dataDir,
    shell: 'serve',
    version: 'soak',
    seedDemo: false,
    startIngest: false,
    startOutbox: false,
    ingestRuntime: idleIngest,
    now: options.now,
  });
  try {
    const view = await callerAs(core, null, null)<OutboxView>('outbox.get', { roomId: options.roomId });
    const statuses = options.server.statuses.map((s) => ({ ...s, text: comparableText(htmlToText(s.content)) }));
    const records = [...options.pds.records.values()].map((r) =>
      typeof r.value.text === 'string' ? r.value.text : '',
    );
    const perNetwork: SoakTally['perNetwork'] = {};
    const stored = new Set(view.entries.map((e) => e.id));
    let lost = 0;
    for (const [, entryIds] of options.queued) lost += entryIds.filter((id) => !stored.has(id)).length;
    let posts = 0;
    let counted = 0;
    let cancelled = 0;
    let failed = 0;
    for (const entry of view.entries) {
      const text = comparableText(entry.body);
      const mine =
        entry.network === 'bluesky'
          ? records.filter((recordText) => recordText === entry.body)
          : statuses.filter((s) => s.idempotencyKey === entry.id || s.text === text);
      posts += mine.length;
      const network = (perNetwork[entry.network] ??= { entries: 0, posts: 0, published: 0 });
      network.posts += mine.length;
      if (entry.state === 'published') network.published += 1;
      if (entry.state === 'cancelled') cancelled += 1;
      else {
        counted += 1;
        network.entries += 1;
      }
      if (entry.state === 'failed') failed += 1;
      const visible = entry.state === 'published' || entry.state === 'failed' || entry.state === 'cancelled';
      if (!visible || (entry.state === 'published' && mine.length === 0)) lost += 1;
    }
    return {
      postsPerEntry: counted === 0 ? 0 : posts / counted,
      entriesLost: lost,
      entries: view.entries.length,
      cancelled,
      failedVisibly: failed,
      remotePosts: statuses.length + records.length,
      perNetwork,
    };
  } finally {
    await core.close();
  }
}
