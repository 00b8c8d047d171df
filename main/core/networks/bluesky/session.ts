import { z } from 'zod';
import { said, type HealthProblem } from '../../../../shared/sources/health-problem';

export interface BlueskySession {
  accessJwt: string;
  did: string;
  handle: string;
}

export interface CreateSessionRequest {
  service: string;
  identifier: string;
  password: string;
  signal?: AbortSignal;
}

export type CreateSessionAnswer =
  | { ok: true; session: BlueskySession }
  | {
      ok: false;
      kind: 'auth' | 'rate_limited' | 'offline' | 'timeout' | 'http' | 'malformed';
      retryAfterMs: number | null;
      message: string;
      problem: HealthProblem;
    };

/** POST com.atproto.server.createSession; injectable because the PoliteFetcher only does GET. */
export type CreateSession = (request: CreateSessionRequest) => Promise<CreateSessionAnswer>;

const SessionAnswer = z.object({ accessJwt: z.string().min(1), did: z.string(), handle: z.string() });

export const createSessionWithFetch: CreateSession = async (request) => {
  const url = new URL('/xrpc/com.atproto.server.createSession', request.service);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ identifier: request.identifier, password: request.password }),
      signal: request.signal ?? AbortSignal.timeout(20_000),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      kind: timedOut ? 'timeout' : 'offline',
      retryAfterMs: null,
      ...said(timedOut ? 'blueskyLoginTimeout' : 'blueskyUnreachable'),
    };
  }
  const text = await response.text();
  if (response.status === 429) {
    const reset = Number(response.headers.get('ratelimit-reset'));
    return {
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null,
      ...said('blueskyLoginLimited'),
    };
  }
  if (response.status === 401 || response.status === 400) {
    return { ok: false, kind: 'auth', retryAfterMs: null, ...said('blueskyLoginRefused') };
  }
  if (!response.ok)
    return {
      ok: false,
      kind: 'http',
      retryAfterMs: null,
      ...said('blueskyLoginStatus', { status: String(response.status) }),
    };
  try {
    const session = SessionAnswer.parse(JSON.parse(text));
    return { ok: true, session: { accessJwt: session.accessJwt, did: session.did, handle: session.handle } };
  } catch {
    return {
      ok: false,
      kind: 'malformed',
      retryAfterMs: null,
      ...said('blueskyLoginUnexpected'),
    };
  }
};
