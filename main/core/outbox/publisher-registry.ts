import { z } from 'zod';
import type {
  CreatePublisher,
  PublishCredentials,
  Publisher,
  StoredBlueskySession,
} from '../networks/publishing/publisher';
import type { SecretStore } from '../secrets/secret-store';

const Credentials = z.discriminatedUnion('network', [
  z.object({ network: z.literal('mastodon'), instance: z.string(), accessToken: z.string() }),
  z.object({
    network: z.literal('bluesky'),
    service: z.string(),
    identifier: z.string(),
    appPassword: z.string(),
  }),
]);
const SavedSession = z.object({ did: z.string(), handle: z.string(), accessJwt: z.string(), refreshJwt: z.string() });

const credentialsOwner = (accountId: string) => `publish:${accountId}`;
const sessionOwner = (accountId: string) => `publish-session:${accountId}`;

/**
 * One publishing client per connected account, built from its encrypted credentials the
 * first time it is needed and kept, so a Bluesky session is refreshed rather than re-created
 * (createSession is limited to about a hundred a day). The credentials never leave main.
 */
/** Stored text that does not read is nothing: no saved session (the client logs in again), no credentials (reconnect the account). */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createPublisherRegistry(deps: { secrets: SecretStore; create: CreatePublisher; now: () => number }) {
  const { secrets, create, now } = deps;
  const clients = new Map<string, Publisher>();

  const build = (accountId: string, credentials: PublishCredentials): Publisher => {
    const saved = secrets.get(sessionOwner(accountId));
    const parsed = saved === null ? null : SavedSession.safeParse(jsonOrNull(saved));
    return create(credentials, {
      now,
      savedSession: parsed?.success ? parsed.data : null,
      saveSession: (session: StoredBlueskySession | null) => {
        if (session === null) secrets.delete(sessionOwner(accountId));
        else secrets.set(sessionOwner(accountId), JSON.stringify(session), now());
      },
    });
  };

  return {
    /** A client for an account being added, before it is stored; its session is kept if it checks out. */
    probe: (accountId: string, credentials: PublishCredentials): Publisher => build(accountId, credentials),
    /** Stores the credentials and keeps the client that verified them (with its session). */
    remember(accountId: string, credentials: PublishCredentials, verified: Publisher): void {
      secrets.set(credentialsOwner(accountId), JSON.stringify(credentials), now());
      clients.set(accountId, verified);
    },
    clientFor(accountId: string): Publisher | null {
      const known = clients.get(accountId);
      if (known) return known;
      const stored = secrets.get(credentialsOwner(accountId));
      if (stored === null) return null;
      const credentials = Credentials.safeParse(jsonOrNull(stored));
      if (!credentials.success) return null;
      const client = build(accountId, credentials.data);
      clients.set(accountId, client);
      return client;
    },
    forget(accountId: string): void {
      clients.delete(accountId);
      secrets.delete(credentialsOwner(accountId));
      secrets.delete(sessionOwner(accountId));
    },
  };
}
export type PublisherRegistry = ReturnType<typeof createPublisherRegistry>;
