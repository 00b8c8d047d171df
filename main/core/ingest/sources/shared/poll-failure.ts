import type { FetchFailureKind } from '../../http/types';

/** Why a poll failed: the fetcher's kinds, or a 200 whose body was not what the protocol promises. */
export type SourcePollFailure = FetchFailureKind | 'malformed';
