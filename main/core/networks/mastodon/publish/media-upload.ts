import { setTimeout as wait } from 'node:timers/promises';
import { publishProblem } from '../../../../../shared/publishing/publish-problem';
import type { PublishImage, PublishOutcome } from '../../publishing/publisher';
import { exchange, parseJson, withDeadline } from '../../publishing/transport';
import { failureOutcome, Media } from './answers';

export interface MediaContext {
  origin: URL;
  accessToken: string;
  now: () => number;
  requestTimeoutMs: number;
  mediaTimeoutMs: number;
  mediaPollMs: number;
  fetch: typeof globalThis.fetch;
}

type NotPublished = Exclude<PublishOutcome, { kind: 'published' }>;
export type MediaResult = { ok: true; id: string } | { ok: false; outcome: NotPublished };

/**
 * POST /api/v2/media with the alt text as `description`. 200 means processed; 202 means the
 * instance is still working on it, so GET /api/v1/media/:id is polled (206 while processing)
 * until its `url` is set or the deadline passes. Nothing is posted yet, so every failure here
 * leaves no status behind.
 */
export async function uploadMedia(
  context: MediaContext,
  image: PublishImage,
  signal: AbortSignal,
): Promise<MediaResult> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), image.fileName);
  if (image.altText.trim()) form.set('description', image.altText);
  const authorization = { authorization: `Bearer ${context.accessToken}` };
  const answer = await exchange({
    method: 'POST',
    url: new URL('/api/v2/media', context.origin),
    headers: authorization,
    body: form,
    signal,
    deadlineMs: context.requestTimeoutMs,
    fetch: context.fetch,
  });
  const file = { fileName: image.fileName };
  if (answer.kind !== 'answered' || (answer.status !== 200 && answer.status !== 202)) {
    return { ok: false, outcome: failureOutcome(answer, context.now(), 'uploading', file) };
  }
  const media = Media.safeParse(parseJson(answer.body));
  if (!media.success) {
    return { ok: false, outcome: { kind: 'unknown', problem: publishProblem('unreadableAnswer', file, 'uploading') } };
  }
  if (answer.status === 200 && media.data.url) return { ok: true, id: media.data.id };

  const processing = withDeadline(signal, context.mediaTimeoutMs);
  while (!processing.aborted) {
    try {
      await wait(context.mediaPollMs, undefined, { signal: processing });
    } catch {
      break;
    }
    const poll = await exchange({
      method: 'GET',
      url: new URL(`/api/v1/media/${encodeURIComponent(media.data.id)}`, context.origin),
      headers: authorization,
      signal: processing,
      deadlineMs: context.requestTimeoutMs,
      fetch: context.fetch,
    });
    if (poll.kind === 'answered' && poll.status === 206) continue;
    // A poll cut short by the processing deadline is a processing timeout, not a silent server.
    if (processing.aborted && !signal.aborted) break;
    if (poll.kind !== 'answered' || poll.status !== 200) {
      return { ok: false, outcome: failureOutcome(poll, context.now(), 'uploading', file) };
    }
    const done = Media.safeParse(parseJson(poll.body));
    if (done.success && done.data.url) return { ok: true, id: media.data.id };
  }
  return {
    ok: false,
    outcome: {
      kind: 'unknown',
      problem: publishProblem('mediaProcessingTimeout', file, 'uploading'),
    },
  };
}
