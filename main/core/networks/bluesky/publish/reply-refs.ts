import type { AppBskyFeedPost } from '@atproto/api';
import { z } from 'zod';
import { publishProblem } from '../../../../../shared/publishing/publish-problem';
import type { ReplyTarget } from '../../publishing/publisher';
import { beforePosting } from './outcomes';
import type { Attempt, SessionKeeper } from './session-keeper';

const StrongRef = z.object({ uri: z.string(), cid: z.string() });
const RepliedRecord = z.object({ reply: z.object({ root: StrongRef }).optional() });

/**
 * `reply.root` and `reply.parent` (uri + cid each) for a post answering `target`. A target
 * known only by its at:// URI (an item from the feed) is read through the AppView
 * (getPosts) for its CID and, when it is itself a reply, its thread root.
 */
export async function replyRefsFor(
  target: ReplyTarget,
  keeper: SessionKeeper,
  signal: AbortSignal,
): Promise<Attempt<AppBskyFeedPost.ReplyRef>> {
  if (target.cid) {
    const parent = { uri: target.remoteId, cid: target.cid };
    return { ok: true, value: { root: target.root ?? parent, parent } };
  }
  const read = await keeper.run('replyTarget', () =>
    keeper.agent.app.bsky.feed.getPosts({ uris: [target.remoteId] }, { signal }),
  );
  if (!read.ok) return { ok: false, outcome: beforePosting(read.outcome) };
  const post = read.value.data.posts.find((p) => p.uri === target.remoteId) ?? read.value.data.posts[0];
  if (!post) {
    return {
      ok: false,
      outcome: { kind: 'rejected', status: 404, problem: publishProblem('replyTargetMissing') },
    };
  }
  const parent = { uri: post.uri, cid: post.cid };
  const record = RepliedRecord.safeParse(post.record);
  return { ok: true, value: { root: (record.success && record.data.reply?.root) || parent, parent } };
}
