import type { SourceAddInput } from '../../../shared/sources/source';
import type { SourceKind } from '../../../shared/domain/item';

/** The add-source form's fields, all strings as typed; turned into a contract input on submit. */
export interface SourceFormFields {
  kind: SourceKind;
  label: string;
  allied: boolean;
  url: string;
  instance: string;
  tag: string;
  blueskyMode: 'jetstream' | 'search';
  keywords: string;
  hashtags: string;
  handle: string;
  query: string;
  redditMode: 'subreddit' | 'search';
  subreddit: string;
  recording: string;
  speed: '1' | '10' | '60';
  credential: string;
}

export const emptySourceForm: SourceFormFields = {
  kind: 'feed',
  label: '',
  allied: false,
  url: '',
  instance: 'https://mastodon.social',
  tag: '',
  blueskyMode: 'jetstream',
  keywords: '',
  hashtags: '',
  handle: '',
  query: '',
  redditMode: 'subreddit',
  subreddit: '',
  recording: 'demo-final',
  speed: '10',
  credential: '',
};

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((term) => term.trim().replace(/^#/, ''))
    .filter(Boolean);

export function toAddInput(roomId: string, form: SourceFormFields): SourceAddInput {
  const credential = form.credential.trim() ? { credential: form.credential.trim() } : {};
  const base = { roomId, label: form.label, allied: form.allied };
  switch (form.kind) {
    case 'feed':
      return { ...base, config: { kind: 'feed', url: form.url } };
    case 'mastodon':
      return { ...base, config: { kind: 'mastodon', instance: form.instance, tag: form.tag }, ...credential };
    case 'bluesky':
      return {
        ...base,
        config: {
          kind: 'bluesky',
          mode: form.blueskyMode,
          keywords: list(form.keywords),
          hashtags: list(form.hashtags),
          ...(form.blueskyMode === 'search' ? { handle: form.handle, query: form.query } : {}),
        },
        ...credential,
      };
    case 'reddit':
      return {
        ...base,
        config:
          form.redditMode === 'subreddit'
            ? { kind: 'reddit', mode: 'subreddit', subreddit: form.subreddit }
            : { kind: 'reddit', mode: 'search', query: form.query },
      };
    case 'replay':
      return {
        ...base,
        config: { kind: 'replay', recording: form.recording, speed: Number(form.speed) as 1 | 10 | 60 },
      };
  }
}
