export { JetstreamClient, jetstreamRewindUs } from './jetstream-client';
export type { JetstreamBatch, JetstreamClientOptions } from './jetstream-client';
export { searchBlueskyPosts } from './search-posts';
export type { BlueskySearchInput, BlueskySearchResult, BlueskySearchFailure } from './search-posts';
export { createSessionWithFetch } from './session';
export type { BlueskySession, CreateSession, CreateSessionAnswer, CreateSessionRequest } from './session';
export { compilePostFilter } from './post-filter';
export type { PostFilterSpec } from './post-filter';
