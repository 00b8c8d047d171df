import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roomHref, roomsHref, routeOf } from './use-hash-route';

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
