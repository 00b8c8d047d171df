import { z } from 'zod';
import { publishProblem } from '../../../../../shared/publishing/publish-problem';
import { htmlToText } from '../../../sanitize/sanitize-html';
import type { FindOutcome, OutgoingPost } from '../../publishing/publisher';
import { parseJson, type Exchange } from '../../publishing/transport';
import { compareStatusIds } from '../status';
import { PostedStatus } from './answers';

export interface FindContext {
  accountId: string;
  clockSkewMs: number;
  call: (method: 'GET', path: string, signal: AbortSignal) => Promise<Exchange>;
}

const pageSize = 40;
/** An event's account posts a few times a minute at most: 5 pages reach far past every entry's age. */
const maxPages = 5;

/**
 * The text as Mastodon renders it, reduced to what survives the round trip: the instance
 * turns links into anchors with hidden parts, `@user@domain` into `@user`, and newlines into
 * paragraphs, so both sides drop whitespace and mention domains before comparing.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^/\w])@(\w+)@[a-z0-9.-]+[a-z0-9]/giu, '$1@$2')
    .replace(/\s+/g, '');
}

/**
 * Looks for the entry's post among the account's own statuses created since the entry
 * (minus clock skew): how an unknown outcome is settled past Mastodon's one-hour
 * idempotency window, or after a crash. The oldest match is the one that counts.
 */
export async function findOwnStatus(
  context: FindContext,
  post: Pick<OutgoingPost, 'text' | 'createdAt' | 'signal'>,
): Promise<FindOutcome> {
  const wanted = comparableText(post.text);
  const since = post.createdAt - context.clockSkewMs;
  let maxId: string | null = null;
  let match: PostedStatus | null = null;
  let complete = false;
  for (let page = 0; page < maxPages; page += 1) {
    const query = new URLSearchParams({ limit: String(pageSize), exclude_reblogs: 'true' });
    if (maxId !== null) query.set('max_id', maxId);
    const path = `/api/v1/accounts/${encodeURIComponent(context.accountId)}/statuses?${query}`;
    const answer = await context.call('GET', path, post.signal);
    if (answer.kind !== 'answered' || answer.status !== 200) {
      const problem =
        answer.kind === 'answered' ? publishProblem('httpStatus', { status: answer.status }) : answer.problem;
      return { kind: 'unknown', problem: { ...problem, step: 'lookingUp' } };
    }
    const statuses = z.array(PostedStatus).safeParse(parseJson(answer.body));
    if (!statuses.success) return { kind: 'unknown', problem: publishProblem('unreadableAnswer', {}, 'lookingUp') };
    let reachedOlder = statuses.data.length < pageSize;
    for (const status of statuses.data) {
      const created = Date.parse(status.created_at);
      if (!(created >= since)) {
        reachedOlder = true;
        continue;
      }
      if (comparableText(htmlToText(status.content)) === wanted) match = status;
      if (maxId === null || compareStatusIds(status.id, maxId) < 0) maxId = status.id;
    }
    if (reachedOlder || maxId === null) {
      complete = true;
      break;
    }
  }
  if (!match && !complete) return { kind: 'unknown', problem: publishProblem('tooManyStatuses') };
  if (!match) return { kind: 'absent' };
  return {
    kind: 'found',
    remoteId: match.id,
    url: match.url ?? match.uri ?? '',
    acknowledgedAt: Date.parse(match.created_at),
  };
}
