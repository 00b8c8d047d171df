export { pollMastodonTag, mastodonTagUrl, mastodonPageLimit } from './poll-tag';
export type { MastodonTagPollInput, MastodonTagPollResult } from './poll-tag';
export { MastodonStream } from './stream';
export type { MastodonStreamOptions, TagCursor } from './stream';
export { MastodonStatus, normalizeMastodonStatus, compareStatusIds, normalizeTag } from './status';
