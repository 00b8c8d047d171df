import type { FetchFailureKind } from '../../net/types';

/** Why a poll failed: the fetcher's kinds, or a 200 whose body was not what the protocol promises. */
export type SourcePollFailure = FetchFailureKind | 'malformed';
