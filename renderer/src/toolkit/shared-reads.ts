import type { CallName, RiposteApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';

type Call = (input: unknown) => Promise<Result<unknown>>;

/**
 * Reads that a room's first paint asks for from several places at once: the header, the
 * alerts and the panels each want the members, the policy, the session… Asked twice while
 * the first answer is on its way, they share it, so main answers once and the columns'
 * calls are not queued behind copies.
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
}

export function withSharedReads(
  api: RiposteApi,
  names: readonly CallName[] = sharedReadNames,
  now: () => number = Date.now,
): SharedReads {
  const inFlight = new Map<string, Promise<Result<unknown>>>();
  const early = new Map<string, { answer: Promise<Result<unknown>>; at: number }>();
  const namespaces = api as unknown as Record<string, Record<string, Call>>;
  const originals = new Map<CallName, Call>();
  const shared: Record<string, unknown> = { ...api };

  const start = (name: CallName, input: unknown, key: string): Promise<Result<unknown>> => {
    const running = inFlight.get(key);
    if (running) return running;
    const call = originals.get(name);
    if (!call) throw new Error(`${name} is not a shared read`);
    const answer = call(input).finally(() => inFlight.delete(key));
    inFlight.set(key, answer);
    return answer;
  };

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
      early.set(key, { answer, at: now() });
      return answer;
    },
  };
}
