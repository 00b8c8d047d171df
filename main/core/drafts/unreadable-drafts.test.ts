import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { SearchRoomsOutput } from '../../../shared/contract/calls/search';
import type { Result } from '../../../shared/contract/result';
import { DEFAULT_FRESHNESS_WINDOW_MS } from '../../../shared/drafts/team';
import enErrors from '../../../shared/i18n/locales/en/errors.json';
import frErrors from '../../../shared/i18n/locales/fr/errors.json';
import enDrafts from '../../../shared/i18n/locales/en/drafts.json';
import frDrafts from '../../../shared/i18n/locales/fr/drafts.json';
import type { EntryView } from '../../../shared/publishing/outbox';
import type { ReportFigures } from '../../../shared/report/figures';
import { setUpOutbox } from '../outbox/testing/outbox-test-kit';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();

/** What a damaged store, a hand edit or a newer Riposte can leave in a draft's JSON columns. */
const cut = '["podium.png",';
const newerApprovals = '[{"slot":"brand","memberId":"m-1","at":"yesterday"}]';

const refused = { ok: false, code: 'invalid_transition', messageKey: 'errors.draft.unreadable' };

/**
 * A room with a sound approved draft, an approved draft whose images no longer read, one whose
 * images' descriptions no longer read, a draft being written whose approvals no longer read,
 * and one whose networks and override no longer read (both have a safe stand-in).
 */
async function roomWithUnreadableDrafts(options: Parameters<typeof setUpOutbox>[1] = {}) {
  const kit = await setUpOutbox(createTempCore, options);
  const sound = await kit.approvedDraft('Sound and approved');
  const badMedia = await kit.approvedDraft('Approved, then its images stopped reading');
  const create = (body: string) =>
    kit.core.as(kit.writer).call<DraftView>('drafts.create', {
      roomId: kit.room.id,
      trigger: { kind: 'scratch' },
      body,
      networks: ['mastodon'],
    });
  const badApprovals = await create('Being written, its approvals stopped reading');
  const defaulted = await create('Only its networks and override stopped reading');
  const badAlt = await kit.approvedDraft('Approved, then its images’ descriptions stopped reading');
  const set = (column: string, text: string, id: string) =>
    kit.core.db.prepare(`UPDATE drafts SET ${column} = ? WHERE id = ?`).run(text, id);
  set('media', cut, badMedia.id);
  set('approvals', newerApprovals, badApprovals.id);
  set('networks', '["mastodon", 7]', defaulted.id);
  set('media_alt', '{"a.png":', badAlt.id);
  set('override', '{"by":"m-1"}', defaulted.id);
  const rawOf = (id: string) =>
    kit.core.db
      .prepare<
        [string],
        {
          media: string;
          approvals: string;
          networks: string;
          media_alt: string;
          override: string | null;
          state: string;
        }
      >('SELECT media, approvals, networks, media_alt, override, state FROM drafts WHERE id = ?')
      .get(id);
  const list = () => kit.call<DraftView[]>('drafts.list', { roomId: kit.room.id });
  return { kit, sound, badMedia, badAlt, badApprovals, defaulted, rawOf, list };
}

const expectRefused = (result: Result<unknown>, what: string) => expect(result, what).toMatchObject(refused);

describe('drafts whose stored values no longer read', () => {
  it('are listed with the others: the unsafe ones read-only with what could not be read, the others with stand-ins', async () => {
    const { sound, badMedia, badAlt, badApprovals, defaulted, list } = await roomWithUnreadableDrafts();
    const listed = new Map((await list()).map((draft) => [draft.id, draft]));
    expect(listed.size).toBe(5);
    expect(listed.get(sound.id)).toMatchObject({ state: 'approved', unreadable: [] });
    expect(listed.get(badMedia.id)).toMatchObject({ state: 'approved', media: [], unreadable: ['media'] });
    expect(listed.get(badApprovals.id)).toMatchObject({ state: 'draft', approvals: [], unreadable: ['approvals'] });
    // Images without their descriptions must not go out either: said as the images.
    expect(listed.get(badAlt.id)).toMatchObject({ state: 'approved', altTexts: {}, unreadable: ['media'] });
    expect(listed.get(defaulted.id)).toMatchObject({ networks: [], override: null, unreadable: [] });
    // The reason, in both languages, for the card and for the refusals.
    for (const catalog of [enDrafts, frDrafts]) {
      expect(Object.keys(catalog.unreadable).sort()).toEqual(['approvals', 'badge', 'media', 'mediaAndApprovals']);
    }
    expect(enErrors.draft.unreadable).toContain('Start a new draft');
    expect(frErrors.draft.unreadable).toContain('nouveau brouillon');
  });

  it('refuse, with a coded error, everything that would change, approve or publish them, and keep what was stored', async () => {
    const { kit, badMedia, badApprovals, rawOf } = await roomWithUnreadableDrafts();
    const before = { media: rawOf(badMedia.id), approvals: rawOf(badApprovals.id) };
    const lead = kit.core.as(kit.lead);
    const writer = kit.core.as(kit.writer);
    const approver = kit.core.as(kit.approver);
    for (const action of [
      { type: 'publish' },
      { type: 'withdraw' },
      { type: 'schedule', at: kit.clock.now() + 60_000 },
    ]) {
      expectRefused(await lead.dispatch('drafts.transition', { id: badMedia.id, action }), action.type);
    }
    expectRefused(
      await writer.dispatch('outbox.publish', { draftId: badMedia.id, accountIds: [kit.mastodon.id] }),
      'outbox.publish',
    );
    expectRefused(await writer.dispatch('outbox.preflight', { draftId: badMedia.id }), 'outbox.preflight');

    expectRefused(
      await writer.dispatch('drafts.save', {
        id: badApprovals.id,
        body: 'New words',
        baseVersion: badApprovals.version,
      }),
      'drafts.save',
    );
    expectRefused(
      await writer.dispatch('drafts.transition', { id: badApprovals.id, action: { type: 'submit' } }),
      'submit',
    );
    expectRefused(
      await approver.dispatch('drafts.transition', { id: badApprovals.id, action: { type: 'approve' } }),
      'approve',
    );
    const template = await kit.call<{ items: { id: string; kind: string }[] }>('checklist.get', {
      roomId: kit.room.id,
    });
    const question = template.items.find((item) => item.kind === 'question');
    expectRefused(
      await writer.dispatch('drafts.answer', { id: badApprovals.id, itemId: question?.id, value: 'pass' }),
      'drafts.answer',
    );
    expectRefused(await lead.dispatch('drafts.assign', { id: badApprovals.id, assigneeId: kit.lead.id }), 'assign');
    // Nothing was written over them, nothing was queued; reading and discussing still work.
    expect({ media: rawOf(badMedia.id), approvals: rawOf(badApprovals.id) }).toEqual(before);
    expect((await kit.outbox()).entries.filter((entry) => entry.draftId === badMedia.id)).toEqual([]);
    expect(await writer.dispatch('drafts.comment', { id: badMedia.id, body: 'Rewriting it' })).toMatchObject({
      ok: true,
    });
    expect(await writer.dispatch('drafts.revisions', { id: badMedia.id })).toMatchObject({ ok: true });
  });

  it('with only safe stand-ins still works, and a save writes only what the person changed', async () => {
    const { kit, defaulted, rawOf } = await roomWithUnreadableDrafts();
    const writer = kit.core.as(kit.writer);
    const saved = await writer.call<DraftView>('drafts.save', {
      id: defaulted.id,
      body: 'New words',
      baseVersion: defaulted.version,
    });
    expect(saved).toMatchObject({ body: 'New words', networks: [], unreadable: [] });
    // Not touched by the save: still the stored text, still read as none.
    expect(rawOf(defaulted.id)).toMatchObject({ networks: '["mastodon", 7]', override: '{"by":"m-1"}' });
    const mended = await writer.call<DraftView>('drafts.save', {
      id: defaulted.id,
      body: 'New words',
      baseVersion: saved.version,
      networks: ['bluesky'],
    });
    expect(mended.networks).toEqual(['bluesky']);
    expect(rawOf(defaulted.id)?.networks).toBe('["bluesky"]');
    expect(
      await writer.call<DraftView>('drafts.transition', { id: defaulted.id, action: { type: 'submit' } }),
    ).toMatchObject({ state: 'in_review' });
  });

  it('do not stop search or the report, which show them', async () => {
    const { kit, badMedia, badAlt, badApprovals, defaulted } = await roomWithUnreadableDrafts();
    const found = await kit.call<SearchRoomsOutput>('search.rooms', { query: 'stopped' });
    expect(found.drafts.map((hit) => hit.draftId).sort()).toEqual(
      [badMedia.id, badAlt.id, badApprovals.id, defaulted.id].sort(),
    );
    const figures = await kit.call<ReportFigures>('report.figures', { roomId: kit.room.id, jobId: 'unreadable' });
    expect(figures.responses.map((response) => response.id)).toEqual(
      expect.arrayContaining([badMedia.id, badApprovals.id]),
    );
  });

  it('let what was queued before they stopped reading go out, and record it without writing over them', async () => {
    const kit = await setUpOutbox(createTempCore);
    const draft = await kit.approvedDraft('Queued, then its images stopped reading');
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id] });
    kit.core.db.prepare('UPDATE drafts SET media = ? WHERE id = ?').run(cut, draft.id);
    kit.clock.tick(10_000 + 250);
    await kit.until((view) => view.entries.find((e) => e.id === entry?.id)?.state === 'published');
    const stored = kit.core.db
      .prepare<[string], { media: string; state: string }>('SELECT media, state FROM drafts WHERE id = ?')
      .get(draft.id);
    expect(stored).toEqual({ media: cut, state: 'published' });
    expect(await kit.call<DraftView>('drafts.get', { id: draft.id })).toMatchObject({
      state: 'published',
      unreadable: ['media'],
    });
  });

  it('are expired by the sweep like the others, without writing over what did not read', async () => {
    const { kit, badApprovals, defaulted, rawOf } = await roomWithUnreadableDrafts({
      core: { draftExpiryIntervalMs: 10 },
    });
    const stored = rawOf(badApprovals.id);
    const expired = Promise.all(
      [defaulted.id, badApprovals.id].map((id) =>
        waitForEvent(kit.core, 'drafts.changed', (payload) => payload.draftId === id),
      ),
    );
    kit.clock.tick(DEFAULT_FRESHNESS_WINDOW_MS + 60_000);
    await expired;
    expect(rawOf(defaulted.id)).toMatchObject({ state: 'expired', networks: '["mastodon", 7]' });
    expect(rawOf(badApprovals.id)).toEqual({ ...stored, state: 'expired' });
  });
});
