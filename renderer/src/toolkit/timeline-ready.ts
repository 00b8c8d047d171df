import { useEffect, useState } from 'react';

/**
 * Whether the room's timeline has had its first answer on screen. The side panels (drafts,
 * moments, sources, publishing) wait for it before they load their code and ask main for
 * their data, so on a cold open the columns' calls are not queued behind a dozen others.
 * Module state: there is one timeline per window.
 */
let ready = false;
const listeners = new Set<() => void>();

export function markTimelineReady(): void {
  if (ready) return;
  ready = true;
  for (const listener of [...listeners]) listener();
}

/** A person asked for a side panel (a tab, a shortcut): it should not wait for the timeline. */
export const loadSidePanelsNow = markTimelineReady;

/** A room closing: the next one's timeline has to answer again. */
export function resetTimelineReady(): void {
  ready = false;
}

/** True once the timeline is ready, or after `fallbackMs` whatever happens (a room without columns). */
export function useTimelineReady(fallbackMs: number): boolean {
  const [isReady, setReady] = useState(ready);
  useEffect(() => {
    if (isReady) return undefined;
    const done = () => setReady(true);
    if (ready) {
      done();
      return undefined;
    }
    listeners.add(done);
    const timer = setTimeout(done, fallbackMs);
    return () => {
      listeners.delete(done);
      clearTimeout(timer);
    };
  }, [isReady, fallbackMs]);
  return isReady;
}
