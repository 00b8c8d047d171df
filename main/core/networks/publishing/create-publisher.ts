import { createBlueskyPublisher } from '../bluesky/publish';
import { createMastodonPublisher } from '../mastodon/publish';
import type { CreatePublisher } from './publisher';

/** Chooses the publishing client for an account's network. */
export const createPublisher: CreatePublisher = (credentials, options) =>
  credentials.network === 'mastodon'
    ? createMastodonPublisher(credentials, options)
    : createBlueskyPublisher(credentials, options);
