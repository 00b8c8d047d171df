import { useSyncExternalStore } from 'react';

export type Route = { page: 'rooms' } | { page: 'room'; roomId: string };

/** The route an address's hash names; anything unknown is the rooms list. */
export function routeOf(hash: string): Route {
  const match = /^#\/rooms\/([\w-]+)/.exec(hash);
  return match?.[1] ? { page: 'room', roomId: match[1] } : { page: 'rooms' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** In-app routes live in the hash so a reload (or a teammate's tab) lands on the same room. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return routeOf(hash);
}

export const roomHref = (roomId: string) => `#/rooms/${roomId}`;
export const roomsHref = '#/';

/** What a hit found elsewhere opens the room with: its words in the search column, a side panel forward. */
export interface RoomOpening {
  search?: string;
  panel?: 'drafts' | 'moments';
}

/** A room's address that opens it on something found (search across rooms). */
export function roomHitHref(roomId: string, opening: RoomOpening): string {
  const params = new URLSearchParams();
  if (opening.search) params.set('search', opening.search);
  if (opening.panel) params.set('panel', opening.panel);
  const query = params.toString();
  return query ? `${roomHref(roomId)}?${query}` : roomHref(roomId);
}

/** What the room's address asks it to open on (a hit found from the rooms page), if anything. */
export function roomOpeningOf(hash: string = window.location.hash): RoomOpening {
  const search = roomHashParam('search', hash);
  const panel = roomHashParam('panel', hash);
  return {
    ...(search ? { search } : {}),
    ...(panel === 'drafts' || panel === 'moments' ? { panel } : {}),
  };
}

/** A parameter of the room address (after `?` in the hash), or null. */
export function roomHashParam(name: keyof RoomOpening, hash: string = window.location.hash): string | null {
  const at = hash.indexOf('?');
  return at === -1 ? null : new URLSearchParams(hash.slice(at + 1)).get(name);
}
