import type { CallName, RiposteApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';

type Call = (input: unknown) => Promise<Result<unknown>>;

/**
 * Reads that a room's first paint asks for from several places at once: the header, the
 * alerts and the panels each want the members, the policy, the session… Asked twice while
 * the first answer is on its way, and with no other call sent in between, they share it, so
 * main answers once and the columns' calls are not queued behind copies.
 */
export const sharedReadNames: readonly CallName[] = [
  'app.info',
  'settings.get',
  'rooms.get',
  'columns.list',
  'columns.items',
  'layouts.get',
  'members.list',
  'policy.get',
  'playbook.get',
  'session.get',
  'checklist.get',
  'checklist.roomAnswers',
  'cues.list',
  'sources.list',
  'drafts.list',
  'outbox.get',
];

/**
 * Calls that can change only some reads: a window's language or last room changes the
 * settings, and picking who this window is changes what depends on the person (drafts,
 * layouts, the session), not a room's columns or posts. Every other call forgets every
 * shared answer.
 */
const changes: Partial<Record<CallName, { only: readonly CallName[] } | { allBut: readonly CallName[] }>> = {
  'settings.update': { only: ['settings.get'] },
  'session.identify': { allBut: ['app.info', 'settings.get', 'rooms.get', 'columns.list', 'columns.items'] },
};

/** How long an answer fetched ahead of time waits for the component that will ask for it. */
export const prefetchKeepMs = 3_000;

/** The same input written the same way whatever its keys' order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface SharedReads {
  api: RiposteApi;
  /**
   * Asks now for what a component will ask for once it renders (the room's columns and
   * first posts, while the page is still starting): that component then gets this answer,
   * once, if it asks within `prefetchKeepMs`.
   */
  prefetch(name: CallName, input: unknown): Promise<Result<unknown>>;
  /**
   * The answer to a read fetched ahead, if it has arrived and nothing since may have changed
   * it: a component renders with it at once instead of in a later pass. It is not used up:
   * the component's own call still gets it (and then keeps it fresh as usual).
   */
  peek(name: CallName, input: unknown): Result<unknown> | undefined;
}

export function withSharedReads(
  api: RiposteApi,
  names: readonly CallName[] = sharedReadNames,
  now: () => number = Date.now,
): SharedReads {
  const inFlight = new Map<string, Promise<Result<unknown>>>();
  const early = new Map<string, { answer: Promise<Result<unknown>>; at: number; settled?: Result<unknown> }>();
  const namespaces = api as unknown as Record<string, Record<string, Call>>;
  const originals = new Map<CallName, Call>();
  const shared: Record<string, unknown> = { ...api };

  /** Drops the shared answers `call` may have changed (see `changes`). */
  const forget = (call: CallName) => {
    const scope = changes[call];
    const changed = (key: string) => {
      const read = key.slice(0, key.indexOf(' ')) as CallName;
      if (!scope) return true;
      return 'only' in scope ? scope.only.includes(read) : !scope.allBut.includes(read);
    };
    for (const key of [...inFlight.keys()]) if (changed(key)) inFlight.delete(key);
    for (const key of [...early.keys()]) if (changed(key)) early.delete(key);
  };

  const start = (name: CallName, input: unknown, key: string): Promise<Result<unknown>> => {
    const running = inFlight.get(key);
    if (running) return running;
    const call = originals.get(name);
    if (!call) throw new Error(`${name} is not a shared read`);
    const answer = call(input).finally(() => {
      if (inFlight.get(key) === answer) inFlight.delete(key);
    });
    inFlight.set(key, answer);
    return answer;
  };

  // Any other call may change what a read answers (a write, or picking who this window is:
  // layouts and drafts depend on the person): reads asked after it never share an answer
  // to a question asked before it.
  for (const [namespace, methods] of Object.entries(namespaces)) {
    if (typeof methods !== 'object' || methods === null) continue;
    const forgetting: Record<string, Call> = {};
    for (const [method, original] of Object.entries(methods)) {
      const name = `${namespace}.${method}` as CallName;
      forgetting[method] = (input) => {
        forget(name);
        return original(input);
      };
    }
    shared[namespace] = forgetting;
  }

  for (const name of names) {
    const [namespace, method] = name.split('.') as [string, string];
    const original = namespaces[namespace]?.[method];
    if (!original) continue;
    originals.set(name, original);
    const wrapped: Call = (input) => {
      const key = `${name} ${stableJson(input)}`;
      const fetched = early.get(key);
      if (fetched) {
        early.delete(key);
        if (now() - fetched.at <= prefetchKeepMs) return fetched.answer;
      }
      return start(name, input, key);
    };
    shared[namespace] = { ...(shared[namespace] as Record<string, Call>), [method]: wrapped };
  }

  return {
    api: shared as unknown as RiposteApi,
    prefetch(name, input) {
      const key = `${name} ${stableJson(input)}`;
      const fetched = early.get(key);
      if (fetched && now() - fetched.at <= prefetchKeepMs) return fetched.answer;
      const answer = start(name, input, key);
      const entry: { answer: Promise<Result<unknown>>; at: number; settled?: Result<unknown> } = { answer, at: now() };
      early.set(key, entry);
      void answer.then((result) => {
        entry.settled = result;
      });
      return answer;
    },
    peek(name, input) {
      const fetched = early.get(`${name} ${stableJson(input)}`);
      if (!fetched || now() - fetched.at > prefetchKeepMs) return undefined;
      return fetched.settled;
    },
  };
}
