import type { OutgoingPost, StoredBlueskySession } from '../../../publishing/publisher';
import {
  startBlueskyPdsServer,
  type BlueskyPdsServerOptions,
  type FakeBlueskyPds,
} from '../../../testing/bluesky-pds-server';
import { createBlueskyPublisher } from '../bluesky-publisher';

export const start = Date.UTC(2026, 11, 7, 20, 0, 0);

/** A local PDS, a hand-moved clock and a way to build publishers that share the saved session. */
export async function setUpPds(options: BlueskyPdsServerOptions & { timeoutMs?: number } = {}) {
  let clock = start;
  const now = () => clock;
  const server: FakeBlueskyPds = await startBlueskyPdsServer({ now, ...options });
  let saved: StoredBlueskySession | null = null;
  const saves: (StoredBlueskySession | null)[] = [];
  const publisher = () =>
    createBlueskyPublisher(
      { network: 'bluesky', service: server.origin, identifier: server.handle, appPassword: server.appPassword },
      {
        now,
        requestTimeoutMs: options.timeoutMs ?? 2_000,
        savedSession: saved,
        saveSession: (session) => {
          saved = session;
          saves.push(session);
        },
      },
    );
  return {
    server,
    publisher,
    saves,
    saved: () => saved,
    advance: (ms: number) => void (clock += ms),
  };
}

export function post(fields: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    entryId: 'entry-1',
    rkey: '3lbcdefghij22',
    text: 'Nous sommes au courant et nous corrigeons.',
    language: 'fr',
    images: [],
    replyTo: null,
    contentWarning: null,
    visibility: 'public',
    createdAt: start,
    signal: new AbortController().signal,
    ...fields,
  };
}
