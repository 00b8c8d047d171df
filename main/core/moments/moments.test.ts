import { describe, expect, it } from 'vitest';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Result } from '../../../shared/contract/result';
import type { NormalizedItem } from '../../../shared/domain/item';
import type { Cue, Moment } from '../../../shared/moments/moment';
import type { Room } from '../../../shared/rooms/room';
import type { CoreOptions } from '../create-core';
import type { IngestRuntime } from '../ingest/pipeline/ingest-runtime';
import { tempCoresPerTest, createTestRoom, okPoll, waitForEvent } from '../testing/temp-core';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const minute = 60_000;

const createTempCore = tempCoresPerTest();

async function setUp(now: () => number, options: Partial<CoreOptions> = {}) {
  const core = createTempCore(now, options);
  const created = await core.dispatch('rooms.create', {
    name: 'Final',
    startsAt: t0,
    endsAt: t0 + 3 * 3_600_000,
    timeZone: 'Europe/Paris',
    language: 'fr',
  });
  if (!created.ok) throw new Error(created.message);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = (await core.dispatch(name, input)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    return result.value;
  };
  return { core, room: created.value as Room, call };
}

describe('moments store', () => {
  it('logs a manual moment now, lists, confirms, dismisses and merges', async () => {
    let clock = t0 + 10 * minute;
    const { core, room, call } = await setUp(() => clock);
    const detected = waitForEvent(core, 'moments.detected');
    const blackout = await call<Moment>('moments.log', { roomId: room.id, note: '  Blackout in the stadium ' });
    expect(blackout).toMatchObject({
      kind: 'manual',
      note: 'Blackout in the stadium',
      onsetAt: clock,
      detectedAt: clock,
      status: 'new',
    });
    expect((await detected).moments.map((m) => m.id)).toEqual([blackout.id]);

    clock += minute;
    const again = await call<Moment>('moments.log', { roomId: room.id, note: 'Lights still out' });
    expect((await call<Moment[]>('moments.list', { roomId: room.id })).map((m) => m.id)).toEqual([
      again.id,
      blackout.id,
    ]);

    expect(await call<Moment>('moments.confirm', { id: blackout.id })).toMatchObject({ status: 'confirmed' });
    const merged = await call<Moment>('moments.merge', { id: again.id, intoId: blackout.id });
    expect(merged).toMatchObject({ id: blackout.id, status: 'confirmed' });
    const all = await call<Moment[]>('moments.list', { roomId: room.id, includeDismissed: true });
    expect(all.find((m) => m.id === again.id)).toMatchObject({ status: 'merged', mergedInto: blackout.id });
    expect((await call<Moment[]>('moments.list', { roomId: room.id })).map((m) => m.id)).toEqual([blackout.id]);

    expect(await call<Moment>('moments.dismiss', { id: blackout.id })).toMatchObject({ status: 'dismissed' });
    expect(await call<Moment[]>('moments.list', { roomId: room.id })).toEqual([]);
    // Undo: the dismissal is taken back and the moment is listed again.
    expect(await call<Moment>('moments.restore', { id: blackout.id })).toMatchObject({ status: 'new' });
    expect((await call<Moment[]>('moments.list', { roomId: room.id })).map((m) => m.id)).toEqual([blackout.id]);
    await call<Moment>('moments.dismiss', { id: blackout.id });

    const self = await core.dispatch('moments.merge', { id: blackout.id, intoId: blackout.id });
    expect(self).toMatchObject({ ok: false, code: 'invalid_input', field: 'intoId' });
    expect(await core.dispatch('moments.confirm', { id: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await core.dispatch('moments.log', { roomId: room.id, note: '   ' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await core.dispatch('moments.list', { roomId: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('keeps a run-of-show: add, edit, next cue, remove; a due cue becomes a scheduled moment', async () => {
    let clock = t0;
    const { core, room, call } = await setUp(() => clock);
    const kickOff = await call<Cue>('cues.add', { roomId: room.id, label: 'Kick-off', at: t0 + 60 * minute });
    const half = await call<Cue>('cues.add', { roomId: room.id, label: 'Half-time show', at: t0 + 105 * minute });
    expect(await call<Cue | null>('cues.next', { roomId: room.id })).toMatchObject({ id: kickOff.id });
    await call<Cue>('cues.update', { id: half.id, label: 'Half-time' });
    expect((await call<Cue[]>('cues.list', { roomId: room.id })).map((c) => c.label)).toEqual([
      'Kick-off',
      'Half-time',
    ]);

    clock = t0 + 60 * minute + 500;
    expect(await call<Cue | null>('cues.next', { roomId: room.id })).toMatchObject({ id: half.id });
    const scheduled = waitForEvent(core, 'moments.detected', (p) => p.moments.some((m) => m.kind === 'scheduled'));
    // The runner checks due cues once a second.
    const [moment] = (await scheduled).moments;
    expect(moment).toMatchObject({ kind: 'scheduled', note: 'Kick-off', onsetAt: kickOff.at });
    expect((await call<Cue[]>('cues.list', { roomId: room.id }))[0]).toMatchObject({ momentId: moment?.id });

    await call('cues.remove', { id: half.id });
    expect(await call<Cue | null>('cues.next', { roomId: room.id })).toBeNull();
    expect(await core.dispatch('cues.update', { id: half.id, label: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('pre-approved texts tied to cues', () => {
  it('offers the valid texts of a cue once it comes due, and only to the room it belongs to', async () => {
    let clock = t0;
    const { core, room, call } = await setUp(() => clock);
    const approver = await call<RoomMember>('members.add', { roomId: room.id, name: 'Anna', role: 'approver' });
    const analyst = await call<RoomMember>('members.add', { roomId: room.id, name: 'Ali', role: 'analyst' });
    const whistle = await call<Cue>('cues.add', { roomId: room.id, label: 'Final whistle', at: t0 + 100 * minute });
    const bank = (title: string, validUntil: number, cueId: string | null) =>
      core.as(approver).call<{ id: string; cueId: string | null }>('bank.add', {
        roomId: room.id,
        title,
        body: `${title} !`,
        validFrom: t0,
        validUntil,
        cueId,
      });
    const win = await bank('Si on gagne', t0 + 3 * 3_600_000, whistle.id);
    await bank('Trop tôt fini', t0 + 90 * minute, whistle.id);
    const loose = await bank('Sans repère', t0 + 3 * 3_600_000, null);

    // Tying needs the right to pre-approve, and a cue of this room.
    expect(await core.as(analyst).dispatch('bank.link', { id: loose.id, cueId: whistle.id })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const other = await createTestRoom(core, t0, { name: 'Other', hours: 1, language: 'en' });
    const foreign = await call<Cue>('cues.add', { roomId: other.id, label: 'Elsewhere', at: t0 + minute });
    expect(await core.as(approver).dispatch('bank.link', { id: loose.id, cueId: foreign.id })).toMatchObject({
      ok: false,
      code: 'not_found',
      field: 'cueId',
    });
    expect(await call<unknown[]>('bank.list', { roomId: room.id })).toHaveLength(3);

    clock = t0 + 100 * minute + 500;
    const due = await waitForEvent(core, 'moments.detected', (p) => p.moments.some((m) => m.kind === 'scheduled'));
    const moment = due.moments.find((m) => m.kind === 'scheduled');
    if (!moment) throw new Error('no scheduled moment');
    // The text whose window closed at 90 minutes is not offered; the untied one never is.
    const offers = await call<{ id: string }[]>('bank.offers', { momentId: moment.id });
    expect(offers.map((o) => o.id)).toEqual([win.id]);

    await core.as(approver).call('bank.link', { id: win.id, cueId: null });
    expect(await call<unknown[]>('bank.offers', { momentId: moment.id })).toEqual([]);
    const audit = await call<{ type: string }[]>('audit.list', { roomId: room.id, type: 'bank_linked' });
    expect(audit).toHaveLength(1);

    // Removing a cue keeps its texts, untied.
    await core.as(approver).call('bank.link', { id: win.id, cueId: whistle.id });
    await call('cues.remove', { id: whistle.id });
    const entries = await call<{ id: string; cueId: string | null }[]>('bank.list', { roomId: room.id });
    expect(entries.find((e) => e.id === win.id)?.cueId).toBeNull();
  });
});

describe('detection runner', () => {
  const background = [
    'tir',
    'corner',
    'passe',
    'arbitre',
    'tribune',
    'ballon',
    'défense',
    'attaque',
    'milieu',
    'public',
    'chant',
    'gardien',
  ];

  /** 40 quiet minutes of chatter, then a blackout: the feed hands everything over in one poll. */
  function feedItems(): NormalizedItem[] {
    const items: NormalizedItem[] = [];
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (let m = 0; m < 43; m += 1) {
      const count = m >= 40 ? 150 : 18 + Math.floor(random() * 5);
      for (let k = 0; k < count; k += 1) {
        const text =
          m >= 40
            ? 'Coupure générale, #Blackout au stade'
            : `${background[Math.floor(random() * background.length)]} ${background[Math.floor(random() * background.length)]}`;
        items.push({
          extId: `${m}-${k}`,
          url: null,
          authorHandle: '@fan',
          authorName: null,
          text,
          html: null,
          language: 'fr',
          publishedAt: t0 + m * minute + Math.floor((k * minute) / count),
          engagement: {},
          mediaUrls: [],
        });
      }
    }
    return items;
  }

  it('turns new items into a spike and emerging terms with samples, and dismiss quiets the term', async () => {
    const items = feedItems();
    const runtime: IngestRuntime = {
      poll: async (job) => okPoll(job, items),
      startStream: () => {},
      stopStream: () => {},
      close: async () => {},
    };
    const { core, room, call } = await setUp(() => t0 + 43 * minute + 10_000, { ingestRuntime: runtime });
    const detected = waitForEvent(
      core,
      'moments.detected',
      (p) => p.roomId === room.id && p.moments.some((m) => m.kind === 'spike'),
    );
    const column = await call<{ id: string }>('columns.create', {
      roomId: room.id,
      name: 'Blackout',
      query: '#blackout',
    });
    await call('columns.create', { roomId: room.id, name: 'Referee', query: 'arbitre' });
    const watchlist = await call<{ id: string }>('columns.create', {
      roomId: room.id,
      name: 'Risques',
      query: 'coupure OR boycott',
      alert: { minPosts: 1, withinMinutes: 10 },
    });
    await call('sources.add', {
      roomId: room.id,
      label: 'Wire',
      config: { kind: 'feed', url: 'https://wire.example.com/f' },
    });
    const { moments } = await detected;
    const spike = moments.find((m) => m.kind === 'spike' && m.columnId === null);
    // The columns that the blackout fills spike too, named; the referee column stays calm.
    const columnSpikes = moments.filter((m) => m.kind === 'spike' && m.columnId !== null);
    expect(columnSpikes.map((m) => m.columnId).sort()).toEqual([column.id, watchlist.id].sort());
    const hashtagSpike = columnSpikes.find((m) => m.columnId === column.id);
    expect(hashtagSpike).toMatchObject({ note: 'Blackout', onsetAt: t0 + 40 * minute });
    expect(hashtagSpike?.samples[0]?.text).toContain('#Blackout');
    expect(spike).toMatchObject({ onsetAt: t0 + 40 * minute, detectedAt: t0 + 41 * minute, peakCount: 150 });
    expect(spike?.samples).toHaveLength(3);
    expect(spike?.samples[0]?.text).toContain('Blackout');
    // The watchlist column alerts on its own rule, named, from its first match.
    const watches = moments.filter((m) => m.kind === 'watch');
    expect(watches).toHaveLength(1);
    expect(watches[0]).toMatchObject({ columnId: watchlist.id, note: 'Risques', onsetAt: t0 + 40 * minute });
    expect(watches[0]?.samples[0]?.text).toContain('Coupure');
    const terms = moments.filter((m) => m.kind === 'emerging').map((m) => m.term);
    expect(terms).toEqual(expect.arrayContaining(['#blackout', 'coupure']));
    expect(terms).not.toContain('tir');

    const emerging = moments.find((m) => m.term === '#blackout');
    if (!emerging) throw new Error('no #blackout moment');
    expect(await call<Moment>('moments.dismiss', { id: emerging.id, quietMinutes: 60 })).toMatchObject({
      status: 'dismissed',
    });
    const listed = await call<Moment[]>('moments.list', { roomId: room.id });
    expect(listed.map((m) => m.id)).not.toContain(emerging.id);
    expect(listed.length).toBe(moments.length - 1);
  });
});
