import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { EntryView } from '../../../shared/publishing/outbox';
import { publicationStatus } from '../../../shared/publishing/outbox';
import { sayPublishProblem, storedPublishProblem } from '../../../shared/publishing/publish-problem';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';
import { setUpOutbox, T0 } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();

/** The value, or a failure saying it is missing (instead of a non-null assertion). */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}
const first = (view: Pick<OutboxView, 'entries'>): EntryView => must(view.entries[0]);
const HOLD = 10_000;

describe('publishing an approved draft', () => {
  it('holds each channel for the undo window, then publishes once and times the acknowledgement', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    const made = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id, kit.bluesky.id] });
    expect(made.map((e) => [e.channelLabel, e.state, e.notBefore])).toEqual([
      ['@riposte@social.test', 'queued', T0 + HOLD],
      ['@riposte', 'queued', T0 + HOLD],
    ]);
    // Inside the window nothing leaves, however long the sender runs.
    await kit.until((view) => view.entries.length === 2);
    expect(kit.network.posts).toHaveLength(0);

    kit.clock.tick(HOLD + 250);
    const view = await kit.until((v) => v.entries.every((e) => e.state === 'published'));
    expect(kit.network.posts.map((p) => p.text)).toEqual([draft.body, draft.body]);
    expect(view.entries.every((e) => e.remoteUrl?.startsWith('https://') && e.publishedAt === T0 + HOLD + 250)).toBe(
      true,
    );
    const after = await kit.call<DraftView>('drafts.get', { id: draft.id });
    expect(after.state).toBe('published');
    expect(after.stopwatch.publishedAt).toBe(T0 + HOLD + 250);
    const audit = await kit.call<{ type: string }[]>('audit.list', { roomId: kit.room.id, draftId: draft.id });
    expect(audit.filter((e) => e.type === 'published_channel')).toHaveLength(2);
    expect(audit.filter((e) => e.type === 'publish_queued')).toHaveLength(2);
  });

  it('cancels inside the undo window, and refuses to post the same text twice on a channel', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    const publish = () =>
      kit.core.as(kit.writer).dispatch('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    const [entry] = (await publish()).ok ? (await kit.outbox()).entries : [];
    const twice = await publish();
    expect(twice).toMatchObject({ ok: false, code: 'conflict', messageKey: 'errors.publishing.alreadySent' });
    const cancelled = await kit.core.as(kit.writer).call<EntryView>('outbox.cancel', { id: must(entry).id });
    expect(cancelled.state).toBe('cancelled');
    kit.clock.tick(HOLD * 2);
    await kit.until((v) => first(v).state === 'cancelled');
    expect(kit.network.calls).toEqual([]);
    // Cancelled is not sent: the same text may now go out on that channel.
    expect((await publish()).ok).toBe(true);
  });

  it('lets only writers publish what is approved', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    const byObserver = await kit.core
      .as(kit.observer)
      .dispatch('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    expect(byObserver).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.publishing.publishRole' });
    const unapproved = await kit.core.as(kit.writer).call<DraftView>('drafts.create', {
      roomId: kit.room.id,
      trigger: { kind: 'scratch' },
      body: 'Pas encore',
      networks: [],
    });
    const early = await kit.core
      .as(kit.writer)
      .dispatch('outbox.publish', { draftId: unapproved.id, accountIds: [kit.mastodon.id] });
    expect(early).toMatchObject({ ok: false, code: 'invalid_transition', messageKey: 'errors.publishing.notApproved' });
    const anonymous = await kit.core.dispatch('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    expect(anonymous).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses before queueing a post the network would refuse (too long for Bluesky)', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft('é'.repeat(301));
    const refused = await kit.core
      .as(kit.writer)
      .dispatch('outbox.publish', { draftId: draft.id, accountIds: [kit.bluesky.id] });
    expect(refused).toMatchObject({
      ok: false,
      messageKey: 'errors.publishing.tooLong',
      params: { count: '301', limit: '300' },
    });
    expect((await kit.outbox()).entries).toEqual([]);
  });
});

describe('the freeze switch', () => {
  it('stops everything queued, needs a lead and a reason, and gives a fresh undo window on unfreeze', async () => {
    const kit = await setUpOutbox(createTempCore);
    const one = await kit.approvedDraft('Un');
    const two = await kit.approvedDraft('Deux');
    for (const d of [one, two]) {
      await kit.core.as(kit.writer).call('outbox.publish', { draftId: d.id, accountIds: [kit.mastodon.id] });
    }
    const byWriter = await kit.core
      .as(kit.writer)
      .dispatch('outbox.freeze', { roomId: kit.room.id, reason: 'Drame en cours' });
    expect(byWriter).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.leadOnly.freeze' });
    const noReason = await kit.core.as(kit.lead).dispatch('outbox.freeze', { roomId: kit.room.id, reason: '' });
    expect(noReason).toMatchObject({ ok: false, code: 'invalid_input' });
    const frozen = await kit.core
      .as(kit.lead)
      .call<OutboxView>('outbox.freeze', { roomId: kit.room.id, reason: 'Drame en cours' });
    expect(frozen.freeze).toMatchObject({ reason: 'Drame en cours', frozenByName: 'Léa' });
    expect(frozen.waiting).toBe(2);

    kit.clock.tick(HOLD * 3);
    await kit.until((v) => v.entries.length === 2);
    expect(kit.network.posts).toHaveLength(0);

    const [toCancel] = frozen.entries.filter((e) => e.draftId === one.id);
    const unfrozen = await kit.core
      .as(kit.lead)
      .call<OutboxView>('outbox.unfreeze', { roomId: kit.room.id, cancelIds: [must(toCancel).id] });
    expect(unfrozen.freeze).toBeNull();
    const kept = must(unfrozen.entries.find((e) => e.draftId === two.id));
    expect(kept.notBefore).toBe(T0 + HOLD * 3 + HOLD);
    kit.clock.tick(HOLD + 1);
    await kit.until((v) => v.entries.find((e) => e.id === kept.id)?.state === 'published');
    expect(kit.network.posts.map((p) => p.text)).toEqual(['Deux']);
    const audit = await kit.call<{ type: string }[]>('audit.list', { roomId: kit.room.id });
    expect(audit.map((e) => e.type)).toEqual(expect.arrayContaining(['frozen', 'unfrozen']));
  });
});

describe('never twice, never silently lost', () => {
  it('settles an answer lost after Mastodon stored the post by resending with the same key', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script('drop_after_commit');
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.clock.tick(HOLD);
    await kit.until((v) => first(v).state === 'unknown');
    kit.clock.tick(5 * 60_000);
    await kit.until((v) => first(v).state === 'published');
    expect(kit.network.postsOf(must(entry).id)).toBe(1);
  });

  it('settles a lost Bluesky answer with a lookup of the record key, never a second create', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script('drop_after_commit');
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.bluesky.id] });
    kit.clock.tick(HOLD);
    await kit.until((v) => first(v).state === 'unknown');
    kit.clock.tick(5 * 60_000);
    await kit.until((v) => first(v).state === 'published');
    expect(kit.network.calls.filter((c) => c.startsWith('publish'))).toHaveLength(1);
    expect(kit.network.calls).toContain(`find:${must(entry).id}`);
    expect(kit.network.postsOf(must(entry).id)).toBe(1);
  });

  it('shows the server’s reason for a refusal, fails it for good and raises an alert', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script({ reject: 'Validation failed: Text character limit of 500 exceeded' });
    await kit.core.as(kit.writer).call('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    const alert = waitForEvent(kit.core, 'outbox.alert');
    kit.clock.tick(HOLD);
    const detail = 'Validation failed: Text character limit of 500 exceeded';
    const problem = { code: 'serverSaid', params: { status: 422, detail } };
    expect(await alert).toMatchObject({ kind: 'failed', problem, reason: `The server answered 422: “${detail}”` });
    const view = await kit.until((v) => first(v).state === 'failed');
    // Stored as a code and its parameters (the server's words as it wrote them), the English sentence beside it.
    expect(view.entries[0]).toMatchObject({ retryable: false, failureCode: 'rejected', failureProblem: problem });
    expect(sayPublishProblem(must(view.entries[0]?.failureProblem ?? undefined), 'fr')).toBe(
      `le serveur a répondu 422\u00a0: «\u00a0${detail}\u00a0»`,
    );
    const audit = await kit.call<AuditEntry[]>('audit.list', { roomId: kit.room.id, type: 'publish_failed' });
    expect(storedPublishProblem(String(audit[0]?.params['problem']))).toEqual(problem);
    const retry = await kit.core.as(kit.writer).dispatch('outbox.retry', { id: first(view).id });
    expect(retry).toMatchObject({ ok: false, messageKey: 'errors.publishing.notRetryable' });
  });

  it('waits for the network when offline and for the reset time when rate-limited, then goes', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script('offline', { rateLimitedFor: 120_000 });
    await kit.core.as(kit.writer).call('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.clock.tick(HOLD);
    const offline = await kit.until((v) => first(v).waitReason === 'offline');
    expect(first(offline).state).toBe('queued');
    kit.clock.tick(60_000);
    const limited = await kit.until((v) => first(v).waitReason === 'rate_limited');
    expect(first(limited).waitUntil).toBe(T0 + HOLD + 60_000 + 120_000);
    kit.clock.tick(120_000);
    await kit.until((v) => first(v).state === 'published');
    expect(kit.network.posts).toHaveLength(1);
  });

  it('asks before sending a response that waited past its freshness window', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script('offline');
    await kit.core.as(kit.writer).call('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.clock.tick(HOLD);
    await kit.until((v) => first(v).waitReason === 'offline');
    const alert = waitForEvent(kit.core, 'outbox.alert', (a) => a.kind === 'stale');
    kit.clock.tick(26 * 60_000);
    expect((await alert).reason).toMatch(/freshness window/);
    const stale = await kit.until((v) => first(v).waitReason === 'stale');
    expect(kit.network.posts).toHaveLength(0);
    await kit.core.as(kit.writer).call('outbox.confirmStale', { id: first(stale).id });
    await kit.until((v) => first(v).state === 'published');
  });

  it('marks the account for reconnection on 401 and lets the entry be retried', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    kit.network.script('unauthorized');
    await kit.core.as(kit.writer).call('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.clock.tick(HOLD);
    const view = await kit.until((v) => first(v).state === 'failed');
    expect(view.accounts.find((a) => a.id === kit.mastodon.id)?.status).toBe('reconnect');
    expect(view.entries[0]).toMatchObject({ failureCode: 'reconnect', retryable: true });
  });
});

describe('manual channels and retraction', () => {
  it('records a manual post when the person says it is out, and retracts everywhere (leads only)', async () => {
    const kit = await setUpOutbox(createTempCore);
    const x = await kit.core
      .as(kit.lead)
      .call<{ id: string }>('accounts.addManual', { roomId: kit.room.id, kind: 'x', label: 'X @marque' });
    const draft = await kit.approvedDraft('On y croit #FRA');
    const entries = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [x.id, kit.mastodon.id] });
    const manual = must(entries.find((e) => e.network === 'manual'));
    expect(manual.composeUrl).toBe('https://x.com/intent/post?text=On%20y%20croit%20%23FRA');
    const early = await kit.core.as(kit.writer).dispatch('outbox.confirmManual', { id: manual.id });
    expect(early).toMatchObject({ ok: false, messageKey: 'errors.publishing.stillHeld' });
    kit.clock.tick(HOLD + 5_000);
    await kit.core.as(kit.writer).call('outbox.confirmManual', { id: manual.id, url: 'https://x.com/marque/status/1' });
    const out = await kit.until((v) => publicationStatus(v.entries) === 'published');
    expect(out.entries.find((e) => e.id === manual.id)).toMatchObject({
      publishedAt: T0 + HOLD + 5_000,
      remoteUrl: 'https://x.com/marque/status/1',
    });

    const byWriter = await kit.core
      .as(kit.writer)
      .dispatch('outbox.retract', { draftId: draft.id, reason: 'Erreur de ton' });
    expect(byWriter).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.leadOnly.retract' });
    await kit.core.as(kit.lead).call('outbox.retract', { draftId: draft.id, reason: 'Erreur de ton' });
    const retracted = await kit.until((v) => v.entries.find((e) => e.network === 'mastodon')?.state === 'retracted');
    expect(kit.network.posts).toHaveLength(0);
    expect(retracted.entries.find((e) => e.id === manual.id)).toMatchObject({
      state: 'retracting',
      waitReason: 'manual',
    });
    await kit.core.as(kit.writer).call('outbox.confirmRetracted', { id: manual.id });
    await kit.until((v) => v.entries.every((e) => e.state === 'retracted'));
  });

  it('keeps a removed account’s entries and never offers it again', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft();
    await kit.core.as(kit.writer).call('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.clock.tick(HOLD);
    await kit.until((v) => first(v).state === 'published');
    await kit.core.as(kit.lead).call('accounts.remove', { id: kit.mastodon.id });
    const view = await kit.outbox();
    expect(first(view).channelLabel).toBe('@riposte@social.test');
    expect(view.accounts.find((a) => a.id === kit.mastodon.id)?.removedAt).not.toBeNull();
    const again = await kit.core
      .as(kit.writer)
      .dispatch('outbox.publish', { draftId: (await kit.approvedDraft('Autre')).id, accountIds: [kit.mastodon.id] });
    expect(again).toMatchObject({ ok: false, code: 'not_found' });
  });
});
