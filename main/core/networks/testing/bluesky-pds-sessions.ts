import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionToken } from './atproto-ids';
import { sendJson, sendScripted } from './listen';

/** An XRPC error answer: `{"error": name, "message": …}`. */
export function sendXrpcError(
  response: ServerResponse,
  status: number,
  name: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendScripted(response, { status, headers, body: JSON.stringify({ error: name, message }) });
}

export interface PdsAccount {
  handle: string;
  did: string;
  appPassword: string;
  origin: () => string;
}

/** A rotated refresh token still works this long, so two racing refreshes do not log the account out. */
const refreshGraceMs = 2 * 60 * 60_000;

/**
 * The PDS's session endpoints: createSession (counted and rate limited, as logins are on a
 * real PDS), refreshSession (rotating the refresh token, with a grace period), and the
 * access-token check every authenticated call goes through (ExpiredToken once its time
 * has passed, so clients must refresh).
 */
export function createPdsSessions(
  account: PdsAccount,
  options: { now: () => number; accessTtlMs: number; loginLimit: { count: number; windowMs: number } },
) {
  const { handle, did, appPassword } = account;
  const { now, accessTtlMs, loginLimit } = options;
  const access = new Map<string, { expiresAt: number }>();
  const refresh = new Map<string, { rotatedAt: number | null }>();
  let logins = 0;
  let refreshes = 0;
  let loginWindow = { startedAt: now(), used: 0 };

  const didDoc = () => ({
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    alsoKnownAs: [`at://${handle}`],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: account.origin() }],
  });
  const newSession = () => {
    const accessJwt = sessionToken('access', did, now() + accessTtlMs);
    const refreshJwt = sessionToken('refresh', did, now() + 90 * 24 * 60 * 60_000);
    access.set(accessJwt, { expiresAt: now() + accessTtlMs });
    refresh.set(refreshJwt, { rotatedAt: null });
    const profile = { handle, did, didDoc: didDoc(), email: 'ana@riposte.test', emailConfirmed: true, active: true };
    return { accessJwt, refreshJwt, ...profile };
  };
  const bearer = (request: IncomingMessage) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

  return {
    didDoc,
    get logins() {
      return logins;
    },
    get refreshes() {
      return refreshes;
    },
    createSession(body: Record<string, unknown>, response: ServerResponse): void {
      if (now() - loginWindow.startedAt >= loginLimit.windowMs) loginWindow = { startedAt: now(), used: 0 };
      if (loginWindow.used >= loginLimit.count) {
        return sendXrpcError(response, 429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
          'ratelimit-limit': String(loginLimit.count),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(Math.ceil((loginWindow.startedAt + loginLimit.windowMs) / 1000)),
        });
      }
      loginWindow.used += 1;
      const identifier = typeof body.identifier === 'string' ? body.identifier.toLowerCase() : '';
      if ((identifier !== handle && identifier !== did) || body.password !== appPassword) {
        return sendXrpcError(response, 401, 'AuthenticationRequired', 'Invalid identifier or password');
      }
      logins += 1;
      sendJson(response, newSession());
    },
    refreshSession(request: IncomingMessage, response: ServerResponse): void {
      const known = refresh.get(bearer(request));
      if (!known) return sendXrpcError(response, 401, 'InvalidToken', 'Token could not be verified');
      if (known.rotatedAt !== null && now() - known.rotatedAt > refreshGraceMs) {
        return sendXrpcError(response, 400, 'ExpiredToken', 'Token has been revoked');
      }
      known.rotatedAt ??= now();
      refreshes += 1;
      sendJson(response, newSession());
    },
    /** True when the access token was refused (the answer is sent), false when it is good. */
    refuseAccess(request: IncomingMessage, response: ServerResponse): boolean {
      const token = access.get(bearer(request));
      if (!token) {
        sendXrpcError(response, 401, 'AuthenticationRequired', 'Invalid identifier or password');
        return true;
      }
      if (token.expiresAt <= now()) {
        sendXrpcError(response, 400, 'ExpiredToken', 'Token has expired');
        return true;
      }
      return false;
    },
    expireAccessTokens(): void {
      for (const token of access.values()) token.expiresAt = now();
    },
    revokeSessions(): void {
      access.clear();
      refresh.clear();
    },
  };
}
