import type { CreatePublisher, Publisher } from './publisher';

/**
 * Chooses the publishing client for an account's network. Until a network's client is
 * part of the build, connecting such an account is refused with a plain reason, so nothing
 * is ever queued for a client that cannot send it.
 */
export const createPublisher: CreatePublisher = (credentials) => unavailable(credentials.network);

function unavailable(network: string): Publisher {
  const reason = `Publishing to ${network} is not available in this version yet`;
  return {
    verify: async () => ({ ok: false, kind: 'rejected', reason }),
    publish: async () => ({ kind: 'rejected', status: 0, reason }),
    find: async () => ({ kind: 'unknown', reason }),
    retract: async () => ({ kind: 'failed', reason, retryable: false }),
  };
}
