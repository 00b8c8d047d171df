import { AtpAgent, XRPCError, type AtpSessionData, type AtpSessionEvent } from '@atproto/api';
import { publishProblem, whileDoing, type Doing } from '../../../../../shared/publishing/publish-problem';
import type { BlueskyCredentials, PublisherOptions, StoredBlueskySession } from '../../publishing/publisher';
import { beforePosting, failureOutcome, isAuthRefusal, type NotPublished } from './outcomes';

export type Attempt<T> = { ok: true; value: T } | { ok: false; outcome: NotPublished };

/** A second login this soon after the last good one means the PDS keeps ending sessions: ask a person. */
const MIN_LOGIN_GAP_MS = 10 * 60_000;

export interface SessionKeeper {
  agent: AtpAgent;
  /** The session's DID and handle once there is one. */
  account(): { did: string; handle: string } | null;
  /** A live session: the agent's, else the saved one resumed (refreshed), else one login. */
  ensure(doing: Doing): Promise<Attempt<{ did: string; handle: string }>>;
  /**
   * Runs `call` with the session. The agent refreshes an expired access token and sends
   * again by itself (an auth refusal means the PDS processed nothing, so that is safe); a
   * session that cannot be refreshed gets one login and one more try, never more.
   */
  run<T>(doing: Doing, call: () => Promise<T>): Promise<Attempt<T>>;
}

/**
 * Sessions, not logins: createSession is limited (about a hundred a day, with lockouts), so
 * the session is saved (encrypted, by the registry) whenever it is created or refreshed and
 * resumed after a restart. Only a dead refresh token leads to logging in again.
 */
export function createSessionKeeper(
  credentials: BlueskyCredentials,
  options: PublisherOptions,
  fetchImpl: typeof globalThis.fetch,
): SessionKeeper {
  const persistSession = (event: AtpSessionEvent, session: AtpSessionData | undefined) => {
    if ((event === 'create' || event === 'update') && session) options.saveSession?.(stored(session));
    if (event === 'expired') options.saveSession?.(null);
  };
  const agent = new AtpAgent({ service: credentials.service, fetch: fetchImpl, persistSession });
  let saved = options.savedSession ?? null;
  let lastLoginAt: number | null = null;
  let pending: Promise<Attempt<{ did: string; handle: string }>> | null = null;

  const current = () => (agent.session ? { did: agent.session.did, handle: agent.session.handle } : null);

  async function establish(doing: Doing): Promise<Attempt<{ did: string; handle: string }>> {
    if (saved) {
      const resuming = saved;
      saved = null;
      try {
        await agent.resumeSession({ ...resuming, active: true });
      } catch {
        // A refused refresh token cleared the session (log in below); a network failure kept it,
        // and the call made with it will say whether the PDS can be reached.
      }
      const resumed = current();
      if (resumed) return { ok: true, value: resumed };
    }
    const at = options.now();
    if (lastLoginAt !== null && at - lastLoginAt < MIN_LOGIN_GAP_MS) {
      return {
        ok: false,
        outcome: { kind: 'reconnect', status: 401, problem: publishProblem('sessionEndedRepeatedly') },
      };
    }
    try {
      await agent.login({ identifier: credentials.identifier, password: credentials.appPassword });
    } catch (error) {
      return { ok: false, outcome: loginFailure(error, options.now()) };
    }
    lastLoginAt = at;
    const created = current();
    return created
      ? { ok: true, value: created }
      : { ok: false, outcome: { kind: 'offline', problem: whileDoing(publishProblem('noSession'), doing) } };
  }

  const ensure = (doing: Doing): Promise<Attempt<{ did: string; handle: string }>> => {
    const live = current();
    if (live) return Promise.resolve({ ok: true, value: live });
    // Entries are sent in parallel: they share one resume or login, never one each.
    pending ??= establish(doing).finally(() => (pending = null));
    return pending;
  };

  async function run<T>(doing: Doing, call: () => Promise<T>): Promise<Attempt<T>> {
    for (let tries = 0; ; tries += 1) {
      const session = await ensure(doing);
      if (!session.ok) return session;
      const tokenBefore = agent.session?.accessJwt;
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        if (!isAuthRefusal(error)) return { ok: false, outcome: failureOutcome(error, options.now(), doing) };
        // The agent refreshes on every such refusal: a session still holding the same token means the
        // refresh itself got no answer (the network, not the account).
        if (agent.session && agent.session.accessJwt === tokenBefore) {
          const problem = whileDoing(publishProblem('sessionRefreshFailed'), doing);
          return { ok: false, outcome: { kind: 'offline', problem } };
        }
        // Still refused with a live session (the agent already refreshed once), or a second time: a person must act.
        if (current() || tries > 0) return { ok: false, outcome: failureOutcome(error, options.now(), doing) };
      }
    }
  }

  return { agent, account: current, ensure, run };
}

function stored(session: AtpSessionData): StoredBlueskySession {
  return { did: session.did, handle: session.handle, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt };
}

function loginFailure(error: unknown, now: number): NotPublished {
  if (error instanceof XRPCError && error.error === 'AuthFactorTokenRequired') {
    return {
      kind: 'reconnect',
      status: error.status,
      problem: publishProblem('needsAppPassword'),
    };
  }
  if (error instanceof XRPCError && (error.status === 401 || error.status === 400)) {
    return {
      kind: 'reconnect',
      status: error.status,
      problem: publishProblem('credentialsRefused', { detail: error.message || error.error || String(error.status) }),
    };
  }
  const outcome = beforePosting(failureOutcome(error, now, 'signingIn'));
  if (outcome.kind !== 'rate_limited') return outcome;
  return { ...outcome, problem: publishProblem('signInsLimited', { untilAt: outcome.until }) };
}
