/**
 * Serve mode's WebSocket wire format. Client → host: a call. Host → client: the call's
 * result, or a pushed event. One socket per tab carries everything.
 */
import type { Result } from './result';

export interface WireCall {
  id: number;
  call: string;
  input: unknown;
}

export type WireMessage =
  { kind: 'result'; id: number | null; result: Result<unknown> } | { kind: 'event'; event: string; payload: unknown };

/** Larger messages are answered with `too_large` without being parsed. */
export const maxWireMessageBytes = 4 * 1024 * 1024;
