import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';
import { createCore, type Core, type CoreOptions } from '../create-core';
import type { IngestRuntime, PollJob, PollOutcome } from '../ingest/pipeline/ingest-runtime';
import { createSession, type Session } from '../session/session';

/** A poll that worked: these items (none by default), no validators, nothing more to fetch. */
export function okPoll(job: PollJob, items: PollOutcome['items'] = []): PollOutcome {
  return {
    sourceId: job.sourceId,
    items,
    state: { etag: null, lastModified: null, cursor: null },
    result: { kind: 'ok' },
    retryAfterMs: null,
    maxAgeMs: null,
    hasMore: false,
  };
}

/** Stands in for the worker thread where a test does not poll anything. */
export const idleRuntime: IngestRuntime = {
  poll: () => new Promise(() => {}),
  startStream: () => {},
  stopStream: () => {},
  close: async () => {},
};

/** One connection to a test core, as a window or a socket would hold, with its own session. */
export interface TestCaller {
  session: Session;
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  /** The value of a call that must succeed (the test fails with the error's code and message otherwise). */
  call<T = unknown>(name: string, input: unknown): Promise<T>;
}

/**
 * A core for tests: `dispatch` without a session uses one anonymous connection (nobody
 * picked), and `as(member)` is a connection whose person is that member of their room.
 */
export type TestCore = Omit<Core, 'dispatch'> & {
  dispatch(name: string, input: unknown, session?: Session): Promise<Result<unknown>>;
  as(member: { id: string; roomId: string }): TestCaller;
  dispose(): Promise<void>;
};

function caller(core: Core, session: Session): TestCaller {
  const dispatch = (name: string, input: unknown) => core.dispatch(name, input, session);
  return {
    session,
    dispatch,
    call: async <T>(name: string, input: unknown) => valueOf<T>(await dispatch(name, input)),
  };
}

/**
 * A core on a fresh temporary data directory, without the demo room and with no worker
 * thread unless the test passes a runtime; `dispose` closes it and removes the files.
 */
export function createTempCore(now?: () => number, options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-test-'));
  const core = createCore({
    dataDir,
    shell: 'serve',
    version: 'test',
    seedDemo: false,
    ingestRuntime: idleRuntime,
    ...(now ? { now } : {}),
    ...options,
  });
  const anonymous = createSession();
  return {
    ...core,
    dispatch: (name, input, session) => core.dispatch(name, input, session ?? anonymous),
    as(member) {
      // What session.identify does once it has checked the member: tests of that check call it.
      const session = createSession();
      session.identify(member.roomId, member.id);
      return caller(core, session);
    },
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `createTempCore` for one test file: every core made through it is disposed after each
 * test. Call once, at the top of the file.
 */
export function tempCoresPerTest(): typeof createTempCore {
  const made: Array<{ dispose(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((core) => core.dispose()));
  });
  return (...args) => {
    const core = createTempCore(...args);
    made.push(core);
    return core;
  };
}

export function tempDir(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'riposte-test-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Resolves with the first pushed `event` whose payload passes `accept` (or rejects after a timeout). */
export function waitForEvent<E extends EventName>(
  core: Pick<Core, 'events'>,
  event: E,
  accept: (payload: EventPayload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No ${event} event matched within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = core.events.subscribe((name: EventName, payload: unknown) => {
      if (name !== event) return;
      const typed = payload as EventPayload<E>;
      if (!accept(typed)) return;
      clearTimeout(timer);
      off();
      resolve(typed);
    });
  });
}

/** The value of a successful call, or a test failure naming the error code and message. */
export function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value as T;
}

/**
 * A French room in Paris time, opening at `startsAt` for `hours` (3 unless said), created
 * through the contract as a user would: what most core tests start from.
 */
export async function createTestRoom(
  core: Pick<TestCore, 'dispatch'>,
  startsAt: number,
  fields: { name?: string; hours?: number; language?: 'fr' | 'en' } = {},
): Promise<{ id: string; name: string }> {
  const result = await core.dispatch('rooms.create', {
    name: fields.name ?? 'Final',
    startsAt,
    endsAt: startsAt + (fields.hours ?? 3) * 3_600_000,
    timeZone: 'Europe/Paris',
    language: fields.language ?? 'fr',
  });
  return valueOf(result);
}
