import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBlueskyPds } from '../../testing/bluesky-pds-server';
import { post, setUpPds, start } from './testing/publisher-kit';

let server: FakeBlueskyPds | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(...args: Parameters<typeof setUpPds>) {
  const kit = await setUpPds(...args);
  server = kit.server;
  return kit;
}

/** Where `part` sits in `text`, counted in UTF-8 bytes as facets are. */
function bytesOf(text: string, part: string) {
  const index = text.indexOf(part);
  const byteStart = Buffer.byteLength(text.slice(0, index), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(part, 'utf8') };
}

const recordOf = (pds: FakeBlueskyPds, rkey = '3lbcdefghij22') => pds.records.get(rkey)?.value ?? {};

describe('Bluesky publisher: what the post is made of', () => {
  it('checks the account: profile, DID and Bluesky’s limits', async () => {
    const { publisher, server: pds } = await setup();
    expect(await publisher().verify(new AbortController().signal)).toEqual({
      ok: true,
      remoteAccountId: pds.did,
      handle: pds.handle,
      displayName: 'Ana Example',
      avatarUrl: `${pds.origin}/avatar/ana.jpeg`,
      limits: { maxCharacters: 300, maxImages: 4, charactersPerUrl: null, maxImageBytes: 1_000_000 },
    });
  });

  it('an account the AppView has no profile for yet still checks out, named by its handle', async () => {
    const { publisher, server: pds } = await setup();
    pds.scriptNext({
      route: 'GET app.bsky.actor.getProfile',
      status: 400,
      body: '{"error":"InvalidRequest","message":"Profile not found"}',
    });
    expect(await publisher().verify(new AbortController().signal)).toMatchObject({
      ok: true,
      remoteAccountId: pds.did,
      handle: pds.handle,
      displayName: pds.handle,
      avatarUrl: null,
    });
  });

  it('creates the record under the entry’s rkey with text, createdAt and langs', async () => {
    const { publisher, server: pds } = await setup();
    const outcome = await publisher().publish(post());
    expect(outcome).toEqual({
      kind: 'published',
      remoteId: `at://${pds.did}/app.bsky.feed.post/3lbcdefghij22`,
      url: `https://bsky.app/profile/${pds.handle}/post/3lbcdefghij22`,
      acknowledgedAt: start,
      budget: { remaining: 4997, resetAt: Math.ceil((start + 3_600_000) / 1000) * 1000 },
    });
    expect(recordOf(pds)).toEqual({
      $type: 'app.bsky.feed.post',
      text: 'Nous sommes au courant et nous corrigeons.',
      createdAt: new Date(start).toISOString(),
      langs: ['fr'],
    });
    expect(pds.createsPerKey('3lbcdefghij22')).toBe(1);
  });

  it('marks links, resolved mentions and hashtags with UTF-8 byte offsets; an unknown handle loses its facet', async () => {
    const { publisher, server: pds } = await setup();
    pds.addUser('bob.riposte.test', 'did:plc:bobriposte');
    const text = 'Café ☕ pour @bob.riposte.test 🎉 #Crise https://exemple.fr/statut?x=1 et @ghost.riposte.test';
    expect((await publisher().publish(post({ text, language: null }))).kind).toBe('published');
    const record = recordOf(pds);
    expect(record.text).toBe(text);
    expect(record.langs).toBeUndefined();
    const facet = (part: string, feature: object) => ({
      index: bytesOf(text, part),
      features: [feature],
    });
    expect(record.facets).toMatchObject([
      facet('@bob.riposte.test', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:bobriposte' }),
      facet('#Crise', { $type: 'app.bsky.richtext.facet#tag', tag: 'Crise' }),
      facet('https://exemple.fr/statut?x=1', {
        $type: 'app.bsky.richtext.facet#link',
        uri: 'https://exemple.fr/statut?x=1',
      }),
    ]);
    expect(pds.requests.filter((r) => r === 'GET com.atproto.identity.resolveHandle')).toHaveLength(2);
  });

  it('a handle lookup that gets no answer stops the send before anything is posted (offline, safe to retry)', async () => {
    const { publisher, server: pds } = await setup();
    pds.scriptNext({ route: 'GET com.atproto.identity.resolveHandle', status: 502, body: '' });
    const outcome = await publisher().publish(post({ text: 'Merci @bob.riposte.test' }));
    expect(outcome).toMatchObject({
      kind: 'offline',
      problem: { step: 'resolving', params: { handle: 'bob.riposte.test' } },
    });
    expect(pds.records.size).toBe(0);
  });

  it('uploads images as blobs with alt text and aspect ratio; a heavy one is downscaled under 1,000,000 bytes', async () => {
    const { publisher, server: pds } = await setup();
    const small = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    // Noise does not compress: 1800×1200 of it is several megabytes whatever the format.
    const noise = await sharp(randomBytes(1800 * 1200 * 3), { raw: { width: 1800, height: 1200, channels: 3 } })
      .png()
      .toBuffer();
    expect(noise.length).toBeGreaterThan(1_000_000);
    const outcome = await publisher().publish(
      post({
        images: [
          { bytes: small, mimeType: 'image/png', altText: 'Le tableau des pannes', fileName: 'pannes.png' },
          { bytes: noise, mimeType: 'image/png', altText: 'La salle', fileName: 'salle.png' },
        ],
      }),
    );
    expect(outcome.kind).toBe('published');
    const embed = recordOf(pds).embed as {
      $type: string;
      images: { alt: string; aspectRatio: { width: number; height: number }; image: { ref: { $link: string } } }[];
    };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map((i) => i.alt)).toEqual(['Le tableau des pannes', 'La salle']);
    expect(embed.images[0]?.aspectRatio).toEqual({ width: 40, height: 20 });
    const big = embed.images[1];
    expect((big?.aspectRatio.width ?? 0) / (big?.aspectRatio.height ?? 1)).toBeCloseTo(1.5, 2);
    const blob = pds.blobs.get(big?.image.ref.$link ?? '');
    expect(blob).toMatchObject({ mimeType: 'image/jpeg' });
    expect(blob?.size).toBeLessThanOrEqual(1_000_000);
    const meta = await sharp(blob?.bytes).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual(big?.aspectRatio);
  });

  it('refuses a file that is not an image, with its name, before posting', async () => {
    const { publisher, server: pds } = await setup();
    const outcome = await publisher().publish(
      post({ images: [{ bytes: Buffer.from('not an image'), mimeType: 'image/png', altText: '', fileName: 'x.png' }] }),
    );
    expect(outcome).toMatchObject({
      kind: 'rejected',
      problem: { code: 'imageUnreadable', params: { fileName: 'x.png' } },
    });
    expect(pds.records.size).toBe(0);
  });

  it('replies in place: root and parent refs read through getPosts, the thread root kept for a reply to a reply', async () => {
    const { publisher, server: pds } = await setup();
    const root = pds.addForeignPost('bob.riposte.test', '3kroot2222222', {
      text: 'Panne ?',
      createdAt: new Date(start).toISOString(),
    });
    const parent = pds.addForeignPost('cleo.riposte.test', '3kparent22222', {
      text: 'Oui, chez moi aussi',
      createdAt: new Date(start).toISOString(),
      reply: { root, parent: root },
    });
    const target = { url: 'https://bsky.app/profile/cleo.riposte.test/post/3kparent22222', remoteId: parent.uri };
    expect((await publisher().publish(post({ replyTo: target }))).kind).toBe('published');
    expect(recordOf(pds).reply).toEqual({ root, parent });
    const direct = await publisher().publish(
      post({ rkey: '3lbcdefghij23', replyTo: { url: 'https://bsky.app/x', remoteId: root.uri } }),
    );
    expect(direct.kind).toBe('published');
    expect(recordOf(pds, '3lbcdefghij23').reply).toEqual({ root, parent: root });
    const gone = await publisher().publish(
      post({ rkey: '3lbcdefghij24', replyTo: { url: 'https://bsky.app/y', remoteId: `${root.uri}x` } }),
    );
    expect(gone).toMatchObject({ kind: 'rejected', problem: { code: 'replyTargetMissing' } });
  });
});
