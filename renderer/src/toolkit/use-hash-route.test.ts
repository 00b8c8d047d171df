import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roomHashParam, roomHitHref, roomHref, roomOpeningOf, roomsHref, routeOf } from './use-hash-route';

describe('routeOf', () => {
  it('reads a room link back as that room', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w-]{1,40}$/), (roomId) => {
        expect(routeOf(roomHref(roomId))).toEqual({ page: 'room', roomId });
      }),
    );
  });

  it('reads the rooms link, no hash, and anything unknown as the rooms list', () => {
    for (const hash of [roomsHref, '', '#', '#/rooms/', '#/settings', 'rooms/abc', '#/rooms/%20'])
      expect(routeOf(hash)).toEqual({ page: 'rooms' });
  });

  it('ignores what follows the room id', () => {
    expect(routeOf('#/rooms/room-1/columns?x=1')).toEqual({ page: 'room', roomId: 'room-1' });
  });
});

describe('a room opened on a hit from another search', () => {
  it('carries the words and the panel in the hash, and still routes to the room', () => {
    const href = roomHitHref('room-1', { search: 'blackout "coup franc"', panel: 'drafts' });
    expect(routeOf(href)).toEqual({ page: 'room', roomId: 'room-1' });
    expect(roomHashParam('search', href)).toBe('blackout "coup franc"');
    expect(roomHashParam('panel', href)).toBe('drafts');
    expect(roomHashParam('search', roomHitHref('room-1', {}))).toBeNull();
  });

  it('reads back as the opening it was made from; an unknown panel is not one', () => {
    const opening = { search: 'blackout -pub', panel: 'moments' } as const;
    expect(roomOpeningOf(roomHitHref('room-1', opening))).toEqual(opening);
    expect(roomOpeningOf(roomHref('room-1'))).toEqual({});
    expect(roomOpeningOf(`${roomHref('room-1')}?panel=report`)).toEqual({});
  });
});
