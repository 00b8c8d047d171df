import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';
import { createCore, type Core, type CoreOptions } from '../create-core';
import type { IngestRuntime } from '../ingest/pipeline/ingest-runtime';

/** Stands in for the worker thread where a test does not poll anything. */
export const idleRuntime: IngestRuntime = {
  poll: () => new Promise(() => {}),
  startStream: () => {},
  stopStream: () => {},
  close: async () => {},
};

/**
 * A core on a fresh temporary data directory, without the demo room and with no worker
 * thread unless the test passes a runtime; `dispose` closes it and removes the files.
 */
export function createTempCore(
  now?: () => number,
  options: Partial<CoreOptions> = {},
): Core & { dispose(): Promise<void> } {
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
  return Object.assign(core, {
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
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
  core: Core,
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
  core: Core,
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
