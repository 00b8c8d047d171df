export { createMastodonPublisher } from './mastodon-publisher';
export type { MastodonPublisherOptions } from './mastodon-publisher';
export { comparableText } from './find-own-status';
