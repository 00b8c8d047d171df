import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView, EntryView } from '../../../shared/publishing/outbox';
import { createPublisher } from '../networks/publishing/create-publisher';
import {
  startMastodonPublishServer,
  type FakeMastodonPublishServer,
} from '../networks/testing/mastodon-publish-server';
import { tempCoresPerTest } from '../testing/temp-core';
import { setUpOutbox } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();
let server: FakeMastodonPublishServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The outbox with the real Mastodon client, against a local server that speaks its REST API. */
describe('publishing to a Mastodon server', () => {
  it('checks the token when added, then publishes once, even when the answer is lost after the server stored the post', async () => {
    server = await startMastodonPublishServer({});
    const kit = await setUpOutbox(createTempCore, { addAccounts: false, core: { createPublisher } });
    const bad = await kit.core
      .as(kit.lead)
      .dispatch('accounts.addMastodon', { roomId: kit.room.id, instance: server.origin, accessToken: 'not-the-token' });
    expect(bad).toMatchObject({ ok: false, code: 'unauthorized', messageKey: 'errors.publishing.badCredentials' });
    const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addMastodon', {
      roomId: kit.room.id,
      instance: server.origin,
      accessToken: server.token,
    });
    expect(account.limits?.maxCharacters).toBeGreaterThan(0);
    const draft = await kit.approvedDraft('Quelle finale ! #FRA');
    server.dropAfterCommit(1);
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] });
    kit.clock.tick(10_000);
    await kit.until((v) => v.entries[0]?.state === 'unknown' || v.entries[0]?.state === 'published');
    kit.clock.tick(5 * 60_000);
    const view = await kit.until((v) => v.entries[0]?.state === 'published');
    expect(view.entries[0]?.remoteUrl).toMatch(/^http/);
    expect(server.postsPerKey(entry?.id ?? '')).toBe(1);
  });
});
