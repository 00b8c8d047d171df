import { createMastodonPublisher } from '../mastodon/publish';
import type { CreatePublisher, Publisher } from './publisher';

/**
 * Chooses the publishing client for an account's network. A network whose client is not
 * part of this build yet (Bluesky) cannot be connected: the account is refused with a plain
 * reason when it is added, so nothing is ever queued for a client that cannot send it.
 */
export const createPublisher: CreatePublisher = (credentials, options) =>
  credentials.network === 'mastodon' ? createMastodonPublisher(credentials, options) : unavailable('Bluesky');

function unavailable(network: string): Publisher {
  const reason = `Publishing to ${network} is not available in this version yet`;
  return {
    verify: async () => ({ ok: false, kind: 'rejected', reason }),
    publish: async () => ({ kind: 'rejected', status: 0, reason }),
    find: async () => ({ kind: 'unknown', reason }),
    retract: async () => ({ kind: 'failed', reason, retryable: false }),
  };
}
