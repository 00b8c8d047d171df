import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView, EntryView } from '../../../shared/publishing/outbox';
import { createPublisher } from '../networks/publishing/create-publisher';
import { startBlueskyPdsServer, type FakeBlueskyPds } from '../networks/testing/bluesky-pds-server';
import { tempCoresPerTest } from '../testing/temp-core';
import { MAX_ATTEMPTS } from './outbox-sender';
import { setUpOutbox } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();
let server: FakeBlueskyPds | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The outbox with the real Bluesky client, against a local PDS that speaks XRPC. */
describe('publishing to a Bluesky PDS', () => {
  it('checks the app password when added, publishes once under the entry’s record key even when the answer is lost, and retracts', async () => {
    const kit = await setUpOutbox(createTempCore, { addAccounts: false, core: { createPublisher } });
    server = await startBlueskyPdsServer({ now: kit.clock.now });
    const input = { roomId: kit.room.id, service: server.origin, identifier: `@${server.handle}` };
    const bad = await kit.core
      .as(kit.lead)
      .dispatch('accounts.addBluesky', { ...input, appPassword: 'wrong-password' });
    expect(bad).toMatchObject({ ok: false, code: 'unauthorized', messageKey: 'errors.publishing.badCredentials' });
    const account = await kit.core
      .as(kit.lead)
      .call<AccountView>('accounts.addBluesky', { ...input, appPassword: server.appPassword });
    expect(account).toMatchObject({
      label: `@${server.handle}`,
      handle: server.handle,
      displayName: 'Ana Example',
      server: server.origin,
      limits: { maxCharacters: 300, maxImages: 4 },
    });

    const draft = await kit.approvedDraft('Quelle finale ! #FRA 🎉');
    server.dropAfterCommit(1);
    await kit.core.as(kit.writer).call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] });
    kit.clock.tick(10_000);
    await kit.until((v) => v.entries[0]?.state === 'unknown' || v.entries[0]?.state === 'published');
    kit.clock.tick(5 * 60_000);
    const view = await kit.until((v) => v.entries[0]?.state === 'published');
    const [record] = [...server.records.values()];
    expect(server.records.size).toBe(1);
    expect(server.createsPerKey(record?.rkey ?? '')).toBe(1);
    expect(record?.value).toMatchObject({
      text: 'Quelle finale ! #FRA 🎉',
      langs: [expect.stringMatching(/^[a-z]{2}/)],
    });
    expect(view.entries[0]?.remoteUrl).toBe(`https://bsky.app/profile/${server.handle}/post/${record?.rkey}`);
    // One login when the account was added; everything after used that session.
    expect(server.logins).toBe(1);

    await kit.core.as(kit.lead).call('outbox.retract', { draftId: draft.id, reason: 'Erreur de ton' });
    await kit.until((v) => v.entries[0]?.state === 'retracted');
    expect(server.records.size).toBe(0);
  });

  it('reads the record back when the last allowed try loses its answer: published with its link, not failed', async () => {
    const kit = await setUpOutbox(createTempCore, { addAccounts: false, core: { createPublisher } });
    server = await startBlueskyPdsServer({ now: kit.clock.now });
    const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addBluesky', {
      roomId: kit.room.id,
      service: server.origin,
      identifier: server.handle,
      appPassword: server.appPassword,
    });
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) {
      server.scriptNext({ route: 'POST com.atproto.repo.createRecord', status: 503, body: '{"error":"Unavailable"}' });
    }
    server.dropAfterCommit(1);
    const draft = await kit.approvedDraft('Dernier essai');
    await kit.core.as(kit.writer).call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] });
    kit.clock.tick(10_000);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const view = await kit.until((v) => v.entries[0]?.attempts === attempt && v.entries[0].waitReason === 'retrying');
      kit.clock.tick((view.entries[0]?.waitUntil ?? kit.clock.now()) - kit.clock.now());
    }
    const view = await kit.until((v) => v.entries[0]?.state === 'published' || v.entries[0]?.state === 'failed');
    const [record] = [...server.records.values()];
    expect(view.entries[0]).toMatchObject({
      state: 'published',
      attempts: MAX_ATTEMPTS,
      remoteUrl: `https://bsky.app/profile/${server.handle}/post/${record?.rkey}`,
    });
    expect(server.records.size).toBe(1);
    expect(server.createsPerKey(record?.rkey ?? '')).toBe(1);
    expect(server.requests.at(-1)).toBe('GET com.atproto.repo.getRecord');
  });
});
