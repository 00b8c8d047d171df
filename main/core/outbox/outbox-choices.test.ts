import { afterEach, describe, expect, it } from 'vitest';
import type { PreflightView } from '../../../shared/contract/calls/publishing';
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

describe('before publishing: what the editor is told per channel', () => {
  it('says per account what publish would refuse, in the same words publish uses', async () => {
    const kit = await setUpOutbox(createTempCore);
    const fits = await kit.approvedDraft('Quelle finale !');
    const checks = await kit.core.as(kit.writer).call<PreflightView[]>('outbox.preflight', { draftId: fits.id });
    // Both accounts were added at the same instant: their order is not part of the answer.
    expect(checks.map((c) => [c.accountId, c.refusal, c.canReply]).sort()).toEqual(
      [
        [kit.mastodon.id, null, false],
        [kit.bluesky.id, null, false],
      ].sort(),
    );

    const long = await kit.approvedDraft(`Quelle finale ! ${'Allez les Bleus ! '.repeat(20)}`);
    const refused = await kit.core.as(kit.writer).call<PreflightView[]>('outbox.preflight', { draftId: long.id });
    const bluesky = refused.find((c) => c.accountId === kit.bluesky.id);
    expect(bluesky?.refusal).toMatchObject({ messageKey: 'errors.publishing.tooLong', params: { limit: '300' } });
    const publish = await kit.core
      .as(kit.writer)
      .dispatch('outbox.publish', { draftId: long.id, accountIds: [kit.bluesky.id] });
    expect(publish).toMatchObject({ ok: false, messageKey: bluesky?.refusal?.messageKey });
  });
});

describe('publishing choices reach Mastodon', () => {
  it('sends the chosen visibility and content warning to Mastodon', async () => {
    server = await startMastodonPublishServer({});
    const kit = await setUpOutbox(createTempCore, { addAccounts: false, core: { createPublisher } });
    const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addMastodon', {
      roomId: kit.room.id,
      instance: server.origin,
      accessToken: server.token,
    });
    const draft = await kit.approvedDraft('Score final : 2-1.');
    await kit.core.as(kit.writer).call<EntryView[]>('outbox.publish', {
      draftId: draft.id,
      accountIds: [account.id],
      visibility: 'unlisted',
      contentWarning: 'Spoiler : le score',
    });
    kit.clock.tick(10_000);
    await kit.until((v) => v.entries[0]?.state === 'published');
    expect(server.statuses.map((s) => [s.visibility, s.spoiler_text])).toEqual([['unlisted', 'Spoiler : le score']]);
  });
});

describe('connecting a Mastodon account', () => {
  it('labels it with its whole handle once, however the client spells it', async () => {
    server = await startMastodonPublishServer({});
    const kit = await setUpOutbox(createTempCore, { addAccounts: false, core: { createPublisher } });
    const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addMastodon', {
      roomId: kit.room.id,
      instance: server.origin,
      accessToken: server.token,
    });
    expect(account.label).toBe(`@ana@${new URL(server.origin).host}`);
  });
});
