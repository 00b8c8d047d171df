import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import { createTestFetcher } from '../../net/testing/fetch-polite-fetcher';
import { makeStatus, startMastodonServer, type FakeMastodonServer } from '../testing/mastodon-server';
import { createRecordingSanitizer } from '../../sanitize/testing/test-sanitizer';
import { pollMastodonTag } from './poll-tag';

let server: FakeMastodonServer;
beforeEach(async () => {
  server = await startMastodonServer();
});
afterEach(async () => {
  await server.close();
});

const poll = (minId: string | null, sanitize = createRecordingSanitizer().sanitize) =>
  pollMastodonTag({
    instance: server.origin,
    tag: '#Final',
    minId,
    fetcher: createTestFetcher(),
    sanitize,
    accessToken: 'tok',
  });

describe('pollMastodonTag', () => {
  it('reads a hashtag timeline into normalized items, newest first', async () => {
    server.addStatus('final', makeStatus('101'));
    server.addStatus(
      'final',
      makeStatus('102', {
        spoiler_text: 'Spoiler',
        account: { acct: 'bob@other.social', display_name: 'Bob' },
        media_attachments: [
          { type: 'image', url: 'https://files.example/a.png', preview_url: 'https://files.example/a-small.png' },
        ],
      }),
    );
    const result = await poll(null);
    expect(result).toMatchObject({ ok: true, newMinId: '102', hasMore: false });
    expect(server.requests).toEqual(['/api/v1/timelines/tag/final?limit=40']);
    expect(result.items.map((item) => item.extId)).toEqual(['102', '101']);
    const [bob, ana] = result.items;
    expect(bob).toMatchObject({
      authorHandle: '@bob@other.social',
      authorName: 'Bob',
      text: 'Spoiler\n\nPost 102 about #final',
      mediaUrls: ['https://files.example/a.png'],
    });
    expect(ana).toMatchObject({
      url: 'https://remote.example/@ana/101',
      authorHandle: `@ana@${new URL(server.origin).host}`,
      language: 'fr',
      publishedAt: Date.UTC(2025, 5, 1, 20, 0, 41),
      engagement: { likes: 3, reposts: 2, replies: 1 },
    });
    expect(ana?.html).toContain('<a href="https://remote.example/tags/final"');
    for (const item of result.items) expect(NormalizedItem.safeParse(item).success).toBe(true);
  });

  it('pages forward from min_id through a backlog larger than one page', async () => {
    for (let id = 100; id < 145; id += 1) server.addStatus('final', makeStatus(String(id)));
    const first = await poll('100');
    expect(first.items).toHaveLength(40);
    expect(first).toMatchObject({ newMinId: '140', hasMore: true });
    expect(first.items[0]?.extId).toBe('140');
    const second = await poll(first.newMinId);
    expect(second.items.map((item) => item.extId)).toEqual(['144', '143', '142', '141']);
    expect(second).toMatchObject({ newMinId: '144', hasMore: false });
    const third = await poll(second.newMinId);
    expect(third).toMatchObject({ ok: true, items: [], newMinId: '144' });
    expect(server.requests[0]).toBe('/api/v1/timelines/tag/final?min_id=100&limit=40');
  });

  it('reports 429 with Retry-After and keeps the cursor', async () => {
    server.scriptNext({ status: 429, headers: { 'retry-after': '7' } });
    const result = await poll('55');
    expect(result).toMatchObject({ ok: false, failure: 'rate_limited', retryAfterMs: 7000, newMinId: '55', items: [] });
  });

  it('reports a 500 as an http failure', async () => {
    server.scriptNext({ status: 500, body: 'oops' });
    const result = await poll('55');
    expect(result).toMatchObject({ ok: false, failure: 'http', newMinId: '55' });
    expect(result.retryAfterMs).toBeUndefined();
    expect(result.message).toContain('500');
  });

  it('reports malformed JSON and JSON that is not a timeline', async () => {
    server.scriptNext({ status: 200, body: '[{"id": "1", ' }, { status: 200, body: '{"error":"nope"}' });
    expect(await poll('9')).toMatchObject({ ok: false, failure: 'malformed', newMinId: '9' });
    expect(await poll('9')).toMatchObject({ ok: false, failure: 'malformed', newMinId: '9' });
  });

  it('skips unreadable statuses but still moves the cursor past them', async () => {
    server.addStatus('final', makeStatus('201'));
    server.addStatus('final', { id: '202', created_at: 'not a date', content: '<p>x</p>', account: { acct: 'a' } });
    server.addStatus('final', { id: '203', created_at: '2025-01-01T00:00:00Z', content: 42 } as never);
    const result = await poll('200');
    expect(result.items.map((item) => item.extId)).toEqual(['201']);
    expect(result.newMinId).toBe('203');
    expect(result.message).toContain('2 unreadable skipped');
  });

  it('passes hostile status HTML through the sanitizer before it becomes html or text', async () => {
    const hostile =
      '<p>Goal!<script>steal()</script><img src="x" onerror="steal()"><a href="javascript:steal()">click</a></p><style>p{}</style>';
    server.addStatus('final', makeStatus('300', { content: hostile }));
    const recorder = createRecordingSanitizer();
    const result = await poll(null, recorder.sanitize);
    expect(recorder.inputs).toEqual([hostile]);
    const [item] = result.items;
    expect(item?.html).toBeDefined();
    expect(item?.html).not.toMatch(/script|onerror|javascript:/i);
    expect(item?.text).toBe('Goal!click');
  });
});
