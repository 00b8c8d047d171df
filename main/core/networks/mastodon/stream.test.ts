import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { createTestFetcher } from '../../net/testing/fetch-polite-fetcher';
import { makeStatus, startMastodonServer, type FakeMastodonServer } from '../testing/mastodon-server';
import { createRecordingSanitizer } from '../../sanitize/testing/test-sanitizer';
import { pollMastodonTag } from './poll-tag';
import { backoffDelayMs } from '../common/reconnecting-socket';
import { MastodonStream, type TagCursor } from './stream';

let server: FakeMastodonServer;
let stream: MastodonStream | null = null;
beforeEach(async () => {
  server = await startMastodonServer();
});
afterEach(async () => {
  stream?.stop();
  stream = null;
  await server.close();
});

function startStream(tags: string[], initialMinIds: Record<string, string> = {}) {
  const received: { tag: string; item: NormalizedItem }[] = [];
  const fallbacks: { reason: string; tags: TagCursor[] }[] = [];
  const resumes: TagCursor[][] = [];
  const created = new MastodonStream({
    instance: server.origin,
    accessToken: 'secret-token',
    tags,
    initialMinIds,
    sanitize: createRecordingSanitizer().sanitize,
    backoff: { initialMs: 5, maxMs: 20 },
    onItems: (tag, items) => received.push(...items.map((item) => ({ tag, item }))),
    onFallbackToPolling: (signal) => fallbacks.push(signal),
    onResumed: (cursors) => resumes.push(cursors),
  });
  stream = created;
  created.start();
  return { stream: created, received, fallbacks, resumes };
}

describe('MastodonStream', () => {
  it('multiplexes several hashtags on one connection and parses update payloads', async () => {
    const { received } = startStream(['#Final', 'goal']);
    await server.waitForSubscription('final');
    await server.waitForSubscription('goal');
    expect(server.streamTokens).toEqual(['secret-token']);
    server.addStatus('final', makeStatus('501'));
    server.addStatus('goal', makeStatus('502'));
    server.addStatus('other', makeStatus('503'));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map(({ tag, item }) => `${tag}:${item.extId}`)).toEqual(['final:501', 'goal:502']);
    expect(received[0]?.item.text).toBe('Post 501 about #final');
  });

  it('signals fallback on a drop, and gap polls plus the resumed stream take each post in once', async () => {
    const { stream: live, received, fallbacks, resumes } = startStream(['final'], { final: '600' });
    await server.waitForSubscription('final');
    server.addStatus('final', makeStatus('601'));
    await vi.waitFor(() => expect(received).toHaveLength(1));

    server.refuseStreams(true);
    server.dropStreams();
    await vi.waitFor(() => expect(fallbacks).toHaveLength(1));
    expect(fallbacks[0]?.tags).toEqual([{ tag: 'final', minId: '601' }]);

    // Posted while the stream is down: only polling can see these.
    server.addStatus('final', makeStatus('602'));
    server.addStatus('final', makeStatus('603'));
    const fetcher = createTestFetcher();
    const pollFrom = async (minId: string | null) => {
      const result = await pollMastodonTag({
        instance: server.origin,
        tag: 'final',
        minId,
        fetcher,
        sanitize: (html) => ({ html, text: html }),
      });
      return live.acceptPolled('final', result.items);
    };
    // The caller polls from the cursor it was given, and re-reads an overlap on purpose.
    const gap = await pollFrom('600');
    expect(gap.map((item) => item.extId)).toEqual(['603', '602']);

    // Several refused reconnect attempts are still one outage.
    await vi.waitFor(() => expect(live.state).toBe('waiting_to_reconnect'));
    expect(fallbacks).toHaveLength(1);

    server.refuseStreams(false);
    await server.waitForSubscription('final', 2);
    await vi.waitFor(() => expect(resumes).toHaveLength(1));
    expect(resumes[0]).toEqual([{ tag: 'final', minId: '603' }]);
    server.addStatus('final', makeStatus('604'));
    await vi.waitFor(() => expect(received.map(({ item }) => item.extId)).toEqual(['601', '604']));
    // The last gap poll after resuming overlaps the stream; nothing comes twice.
    expect((await pollFrom('601')).map((item) => item.extId)).toEqual([]);
    expect(live.cursors()).toEqual([{ tag: 'final', minId: '604' }]);
  });

  it('subscribes tags added while running and signals fallback when the first connection fails', async () => {
    server.refuseStreams(true);
    const { stream: live, fallbacks } = startStream(['final']);
    await vi.waitFor(() => expect(fallbacks).toHaveLength(1));
    live.subscribe('late');
    server.refuseStreams(false);
    await server.waitForSubscription('final');
    await server.waitForSubscription('late');
  });
});

describe('backoffDelayMs', () => {
  it('doubles up to the cap with jitter between half and all of the delay', () => {
    const policy = { initialMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3].map((attempt) => backoffDelayMs(attempt, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(20, policy, () => 1)).toBe(60_000);
    expect(backoffDelayMs(0, policy, () => 0)).toBe(500);
  });
});
