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
