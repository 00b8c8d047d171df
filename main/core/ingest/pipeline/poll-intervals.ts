import type { SourceConfig } from '../../../../shared/sources/source';

/**
 * How often each kind is polled when all is well. Live events move fast, but these are
 * other people's servers: feeds rarely change more than every few minutes, and Reddit and
 * Bluesky search rate-limit anonymous or app clients.
 */
export function baseIntervalMs(config: SourceConfig): number {
  switch (config.kind) {
    case 'feed':
      return 2 * 60_000;
    case 'mastodon':
      return 30_000;
    case 'reddit':
      return 60_000;
    case 'bluesky':
      return 60_000;
    case 'replay':
      return 0;
  }
}

/** After a full page, fetch the next one soon rather than at the normal beat. */
export const catchUpDelayMs = 2_000;

/** Jetstream always streams; Mastodon streams when it has an access token. */
export function isStreamed(config: SourceConfig, hasCredential: boolean): boolean {
  return (config.kind === 'bluesky' && config.mode === 'jetstream') || (config.kind === 'mastodon' && hasCredential);
}
