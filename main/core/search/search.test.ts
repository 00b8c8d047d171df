import { describe, expect, it } from 'vitest';
import type { Invite } from '../../../shared/contract/calls/access';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { SearchRoomsOutput } from '../../../shared/contract/calls/search';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { NormalizedItem } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import type { Source } from '../../../shared/sources/source';
import { createItemWriter } from '../items/item-writer';
import { tempCoresPerTest, valueOf } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();
const base = 1_699_999_980_000;
const post = (extId: string, text: string, minute: number): NormalizedItem => ({
  extId,
  url: `https://social.example/${extId}`,
  authorHandle: '@fan',
  authorName: 'Fan',
  text,
  html: null,
  language: 'fr',
  publishedAt: base + minute * 60_000,
  engagement: {},
  mediaUrls: [],
});

/** Two past events, each with posts, a draft and a moment noted by hand. */
async function twoRooms() {
  const core = createTempCore(() => base + 3_600_000, { startIngest: false });
  core.access.setHosting({ addresses: ['https://192.168.1.20:4477'], fingerprint: 'AB:CD' });
  const call = async <T>(name: string, input: unknown): Promise<T> => valueOf<T>(await core.dispatch(name, input));
  const writer = createItemWriter(core.db);
  const room = async (name: string, texts: string[], draft: string, moment: string) => {
    const created = await call<Room>('rooms.create', {
      name,
      startsAt: 1,
      endsAt: 2,
      timeZone: 'Europe/Paris',
      language: 'fr',
    });
    const source = await call<Source>('sources.add', {
      roomId: created.id,
      label: 'Wire',
      config: { kind: 'feed', url: `https://news.example.com/${created.id}.xml` },
    });
    writer.writeBatch(
      created.id,
      source.id,
      texts.map((text, index) => post(`${name}-${index}`, text, index)),
      base,
    );
    const lead = await call<RoomMember>('members.add', { roomId: created.id, name: 'Léa', role: 'lead' });
    await core.as(lead).call<DraftView>('drafts.create', {
      roomId: created.id,
      trigger: { kind: 'scratch' },
      body: draft,
    });
    await call('moments.log', { roomId: created.id, note: moment });
    return { room: created, lead };
  };
  const spring = await room(
    'Spring final',
    ['Blackout au stade !', 'Coup franc magnifique'],
    'Même dans le noir, on dunk. #Blackout',
    'Blackout in the stadium',
  );
  const autumn = await room('Autumn derby', ['Panne générale, blackout total', 'Mi-temps'], 'Allez !', 'Half-time');
  return { core, call, spring, autumn };
}

describe('search across rooms', () => {
  it('finds posts through each room’s full-text index, and drafts and moments by their words, naming the room', async () => {
    const { call, spring, autumn } = await twoRooms();
    const found = await call<SearchRoomsOutput>('search.rooms', { query: 'blackout' });
    expect(found.roomsSearched).toBe(2);
    expect(found.terms).toEqual(['blackout']);
    expect(found.items.map((hit) => [hit.roomName, hit.text])).toEqual(
      expect.arrayContaining([
        ['Spring final', 'Blackout au stade !'],
        ['Autumn derby', 'Panne générale, blackout total'],
      ]),
    );
    expect(found.items).toHaveLength(2);
    expect(found.drafts).toEqual([
      expect.objectContaining({
        roomId: spring.room.id,
        text: 'Même dans le noir, on dunk. #Blackout',
        state: 'draft',
      }),
    ]);
    expect(found.moments).toEqual([
      expect.objectContaining({ roomId: spring.room.id, kind: 'manual', text: 'Blackout in the stadium' }),
    ]);
    // The columns' language: an exclusion leaves the autumn post out; accents do not matter for drafts.
    const narrowed = await call<SearchRoomsOutput>('search.rooms', { query: 'blackout -panne' });
    expect(narrowed.items.map((hit) => hit.roomId)).toEqual([spring.room.id]);
    const accented = await call<SearchRoomsOutput>('search.rooms', { query: 'meme noir' });
    expect(accented.drafts.map((hit) => hit.roomId)).toEqual([spring.room.id]);
    expect(autumn.room.id).not.toBe(spring.room.id);
  });

  it('reads drafts and moments in the columns’ language too: OR widens, a minus leaves out, words are whole', async () => {
    const { call, spring, autumn } = await twoRooms();
    const either = await call<SearchRoomsOutput>('search.rooms', { query: 'dunk OR half' });
    expect(either.drafts.map((hit) => hit.roomId)).toEqual([spring.room.id]);
    expect(either.moments.map((hit) => [hit.roomId, hit.text])).toEqual([[autumn.room.id, 'Half-time']]);
    const without = await call<SearchRoomsOutput>('search.rooms', { query: 'blackout -stadium' });
    expect(without.moments).toEqual([]);
    expect(without.drafts.map((hit) => hit.roomId)).toEqual([spring.room.id]);
    // A hashtag is a hashtag, a word is a whole word (as in a column), a prefix says so.
    expect((await call<SearchRoomsOutput>('search.rooms', { query: '#blackout' })).drafts).toHaveLength(1);
    expect((await call<SearchRoomsOutput>('search.rooms', { query: 'black' })).moments).toEqual([]);
    expect((await call<SearchRoomsOutput>('search.rooms', { query: 'black*' })).moments).toHaveLength(1);
    // Nothing to look for but exclusions: posts as a column lists them, no drafts or moments.
    const onlyNot = await call<SearchRoomsOutput>('search.rooms', { query: '-mi' });
    expect(onlyNot.drafts).toEqual([]);
    expect(onlyNot.moments).toEqual([]);
  });

  it('validates its input and refuses a query that does not parse, with a key', async () => {
    const { core } = await twoRooms();
    expect(await core.dispatch('search.rooms', { query: '   ' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await core.dispatch('search.rooms', { query: 'blackout', limitPerRoom: 500 })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    const unparsable = await core.dispatch('search.rooms', { query: '"unclosed' });
    expect(unparsable).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!unparsable.ok) expect(unparsable.messageKey).toBeTruthy();
  });

  it('searches a teammate’s own room only, never the host’s other rooms', async () => {
    const { core, spring } = await twoRooms();
    const host = core.as(spring.lead);
    const join = async (role: string) => {
      const invite = await host.call<Invite>('invites.create', { roomId: spring.room.id, name: `A ${role}`, role });
      const session = core.access.sessionFor(core.access.redeem(invite.code, 'laptop').token);
      if (!session) throw new Error('no session for a fresh token');
      return session;
    };
    const writer = await join('writer');
    const theirs = valueOf<SearchRoomsOutput>(await core.dispatch('search.rooms', { query: 'blackout' }, writer));
    expect(theirs.roomsSearched).toBe(1);
    expect(new Set([...theirs.items, ...theirs.drafts, ...theirs.moments].map((hit) => hit.roomId))).toEqual(
      new Set([spring.room.id]),
    );
  });
});
