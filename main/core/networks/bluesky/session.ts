import { z } from 'zod';

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
      message: timedOut ? 'Bluesky did not answer the login in time' : 'Could not reach Bluesky to log in',
    };
  }
  const text = await response.text();
  if (response.status === 429) {
    const reset = Number(response.headers.get('ratelimit-reset'));
    return {
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null,
      message: 'Bluesky limits logins; waiting before trying again',
    };
  }
  if (response.status === 401 || response.status === 400) {
    return { ok: false, kind: 'auth', retryAfterMs: null, message: 'Bluesky refused the handle or app password' };
  }
  if (!response.ok)
    return { ok: false, kind: 'http', retryAfterMs: null, message: `Bluesky answered ${response.status} to the login` };
  try {
    const session = SessionAnswer.parse(JSON.parse(text));
    return { ok: true, session: { accessJwt: session.accessJwt, did: session.did, handle: session.handle } };
  } catch {
    return {
      ok: false,
      kind: 'malformed',
      retryAfterMs: null,
      message: 'Bluesky answered the login with something unexpected',
    };
  }
};
