export { pollReddit, redditListingUrl } from './poll-reddit';
export type { RedditPollInput, RedditPollResult, RedditRateLimit } from './poll-reddit';
export { pollRedditNewPosts, compareFullnames } from './poll-new-posts';
export type { RedditNewPostsInput, RedditNewPostsResult } from './poll-new-posts';
