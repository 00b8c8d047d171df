import { checkLength } from '../../../shared/drafts/network-length';
import type { AccountView } from '../../../shared/publishing/outbox';
import { keyedError, type AppError } from '../errors';
import type { PublishableDraft } from './draft-publication';

const BLUESKY_MAX_BYTES = 3000;

/**
 * A post that would fail is refused before it is queued, not after the job ran: length as
 * the network counts it against the account's own limits, and the number of images.
 */
export function preflightRefusal(draft: PublishableDraft, account: AccountView): AppError | null {
  if (account.network === 'manual') return null;
  const limits = account.limits;
  const length = checkLength(draft.body, account.network, limits ? { limit: limits.maxCharacters } : {});
  if (!length.ok) {
    return keyedError(
      'invalid_input',
      'errors.publishing.tooLong',
      `Too long for ${account.label}: ${length.count} characters where ${length.limit} are allowed.`,
      { field: 'accountIds', params: { channel: account.label, count: length.count, limit: length.limit } },
    );
  }
  if (account.network === 'bluesky' && Buffer.byteLength(draft.body, 'utf8') > BLUESKY_MAX_BYTES) {
    return keyedError(
      'invalid_input',
      'errors.publishing.tooManyBytes',
      `Too long for Bluesky: more than ${BLUESKY_MAX_BYTES} bytes once encoded.`,
      { field: 'accountIds', params: { channel: account.label, limit: BLUESKY_MAX_BYTES } },
    );
  }
  const maxImages = limits?.maxImages ?? 4;
  if (draft.media.length > maxImages) {
    return keyedError(
      'invalid_input',
      'errors.publishing.tooManyImages',
      `${account.label} takes at most ${maxImages} images; this draft has ${draft.media.length}.`,
      { field: 'accountIds', params: { channel: account.label, count: draft.media.length, limit: maxImages } },
    );
  }
  // Alt text is asked for each image: a post that would go out with a blind image is held here.
  const blind = draft.media.filter((name) => (draft.altTexts[name] ?? '').trim() === '');
  if (blind.length > 0) {
    return keyedError(
      'invalid_input',
      'errors.publishing.altMissing',
      `Describe every image before publishing to ${account.label}: ${blind.length} without alt text.`,
      { field: 'accountIds', params: { channel: account.label, count: blind.length } },
    );
  }
  return null;
}
