import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../../../shared/contract';
import type { ContractError, Result } from '../../../../shared/contract/result';
import type { Source } from '../../../../shared/sources/source';
import { removeById, upsertById } from './list-changes';
import {
  defaultCoalesceMs,
  patchOn,
  refetchOn,
  refetchOnRoom,
  startLiveQuery,
  type LiveQuery,
  type LiveValue,
  type On,
} from './live-query';

/** Pushed events delivered at once, in order, as both transports do. */
function fakePushes() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on = ((event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }) as On;
  const push = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const listening = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  return { on, push, listening };
}

/** A load whose answers the test gives, in any order. */
function controlledLoad<T>() {
  const calls: { params: unknown; answer: (result: Result<T>) => void; fail: (thrown: unknown) => void }[] = [];
  const load = (params: unknown) =>
    new Promise<Result<T>>((resolve, reject) => calls.push({ params, answer: resolve, fail: reject }));
  return { load, calls };
}

function call<T>(calls: ReturnType<typeof controlledLoad<T>>['calls'], index: number) {
  const found = calls[index];
  if (!found) throw new Error(`no call #${index} (made ${calls.length})`);
  return found;
}

type Row = { id: string; roomId: string; v: number };
/** A source as `sources.changed` pushes it, its label carrying the row's version. */
const pushedSource = (row: Row): Source => ({
  id: row.id,
  roomId: row.roomId,
  kind: 'feed',
  label: String(row.v),
  config: { kind: 'feed', url: 'https://example.org/feed' },
  paused: false,
  allied: false,
  credentialSet: false,
  health: {
    state: 'ok',
    lastFetchAt: null,
    nextPollAt: null,
    itemsTaken: 0,
    consecutiveFailures: 0,
    lastError: null,
    problem: null,
    notices: [],
  },
  createdAt: 0,
});
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const failure: ContractError = { ok: false, code: 'unavailable', message: 'Lost the connection' };
/** Lets answered promises run their `then`. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function start<P, T>(query: LiveQuery<P, T>, params: P, initial: T, on: On) {
  let shown: LiveValue<T> = { value: initial, error: null };
  const handle = startLiveQuery(query, params, {
    on,
    update: (change) => {
      shown = change(shown);
    },
  });
  return { handle, shown: () => shown };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startLiveQuery', () => {
  it('loads once at the start and shows the answer', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string[]>();
    const live = start({ load }, 'room-1', null, pushes.on);
    expect(calls.map((c) => c.params)).toEqual(['room-1']);
    expect(live.shown()).toEqual({ value: null, error: null });
    call(calls, 0).answer(ok(['a']));
    await settle();
    expect(live.shown()).toEqual({ value: ['a'], error: null });
  });

  it('refetches once for a burst of pushes about its room, and not for other rooms', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string[]>();
    start({ load, refetchOn: [refetchOnRoom('drafts.changed')] }, 'room-1', null, pushes.on);
    call(calls, 0).answer(ok([]));
    await settle();
    for (let i = 0; i < 5; i += 1) pushes.push('drafts.changed', { roomId: 'room-1', draftId: `d${i}` });
    pushes.push('drafts.changed', { roomId: 'room-2', draftId: null });
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10 * defaultCoalesceMs);
    expect(calls).toHaveLength(2);
    pushes.push('drafts.changed', { roomId: 'room-2', draftId: null });
    await vi.advanceTimersByTimeAsync(10 * defaultCoalesceMs);
    expect(calls).toHaveLength(2);
  });

  it('refetches on any of the events it names, with or without a filter', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string[]>();
    const query: LiveQuery<string, string[] | null> = {
      load,
      refetchOn: [refetchOn('rooms.changed'), refetchOnRoom('cues.changed')],
    };
    start(query, 'room-1', null, pushes.on);
    pushes.push('cues.changed', { roomId: 'room-1' });
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    expect(calls).toHaveLength(2);
    pushes.push('rooms.changed', { room: {} as EventPayload<'rooms.changed'>['room'] });
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    expect(calls).toHaveLength(3);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string>();
    const live = start({ load, refetchOn: [refetchOn('cues.changed')] }, 'r', 'initial', pushes.on);
    pushes.push('cues.changed', { roomId: 'r' });
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    expect(calls).toHaveLength(2);
    call(calls, 1).answer(ok('newer'));
    await settle();
    call(calls, 0).answer(ok('older'));
    await settle();
    expect(live.shown().value).toBe('newer');
    call(calls, 0).answer(failure);
    await settle();
    expect(live.shown()).toEqual({ value: 'newer', error: null });
  });

  it('keeps the last value and shows the error of a failed call, until a call succeeds', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string>();
    const live = start({ load, refetchOn: [refetchOn('cues.changed')] }, 'r', 'initial', pushes.on);
    call(calls, 0).answer(ok('first'));
    await settle();
    pushes.push('cues.changed', { roomId: 'r' });
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    call(calls, 1).answer(failure);
    await settle();
    expect(live.shown()).toEqual({ value: 'first', error: failure });
    pushes.push('cues.changed', { roomId: 'r' });
    await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
    call(calls, 2).answer(ok('second'));
    await settle();
    expect(live.shown()).toEqual({ value: 'second', error: null });
  });

  it('shows a call that threw as an error instead of losing it', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string>();
    const live = start({ load }, 'r', 'initial', pushes.on);
    call(calls, 0).fail(new Error('channel closed'));
    await settle();
    expect(live.shown().value).toBe('initial');
    expect(live.shown().error).toMatchObject({ ok: false, code: 'internal', message: 'channel closed' });
  });

  it('applies a pushed change at once, and again over an answer that was already on its way', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<Row[] | null>();
    const query: LiveQuery<string, Row[] | null> = {
      load,
      patchOn: [
        patchOn('sources.removed', (current: Row[] | null, { id }) => (current ? removeById(current, id) : null)),
      ],
    };
    const live = start(query, 'r', null, pushes.on);
    pushes.push('sources.removed', { id: 'b', roomId: 'r' });
    expect(live.shown().value).toBeNull();
    // The list was read before the removal: the answer must not bring "b" back.
    call(calls, 0).answer(
      ok([
        { id: 'a', roomId: 'r', v: 1 },
        { id: 'b', roomId: 'r', v: 1 },
      ]),
    );
    await settle();
    expect(live.shown().value).toEqual([{ id: 'a', roomId: 'r', v: 1 }]);
    pushes.push('sources.removed', { id: 'a', roomId: 'r' });
    expect(live.shown().value).toEqual([]);
  });

  it('stops listening, drops a pending refetch and ignores answers after stop', async () => {
    const pushes = fakePushes();
    const { load, calls } = controlledLoad<string>();
    const live = start(
      { load, refetchOn: [refetchOnRoom('cues.changed')], patchOn: [patchOn('cues.changed', () => 'patched')] },
      'r',
      'initial',
      pushes.on,
    );
    expect(pushes.listening()).toBe(2);
    pushes.push('cues.changed', { roomId: 'r' });
    expect(live.shown().value).toBe('patched');
    live.handle.stop();
    expect(pushes.listening()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * defaultCoalesceMs);
    expect(calls).toHaveLength(1);
    call(calls, 0).answer(ok('late'));
    await settle();
    expect(live.shown().value).toBe('patched');
  });
});

type Op =
  | { kind: 'push' }
  | { kind: 'wait' }
  | { kind: 'answer'; pick: number; ok: boolean }
  | { kind: 'change'; id: number }
  | { kind: 'remove'; id: number }
  | { kind: 'read'; pick: number };

describe('startLiveQuery, any order of pushes and answers', () => {
  it('shows the answer to the newest request answered so far, or keeps it when that one failed', async () => {
    const op = fc.oneof(
      fc.constant<Op>({ kind: 'push' }),
      fc.constant<Op>({ kind: 'wait' }),
      fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), ok: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const pushes = fakePushes();
        const { load, calls } = controlledLoad<number>();
        const live = start({ load, refetchOn: [refetchOn('cues.changed')] }, 'r', -1, pushes.on);
        const unanswered = new Set([0]);
        let newestAnswered = -1;
        let expected = -1;
        for (const step of ops) {
          if (step.kind === 'push') pushes.push('cues.changed', { roomId: 'r' });
          else if (step.kind === 'wait') {
            await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
            for (let i = 0; i < calls.length; i += 1) if (i > newestAnswered) unanswered.add(i);
          } else if (step.kind === 'answer' && unanswered.size > 0) {
            const waiting = [...unanswered];
            const index = waiting[step.pick % waiting.length] ?? 0;
            unanswered.delete(index);
            call(calls, index).answer(step.ok ? ok(index) : failure);
            await settle();
            if (index > newestAnswered) {
              newestAnswered = index;
              if (step.ok) expected = index;
              expect(live.shown().error).toEqual(step.ok ? null : failure);
            }
          }
          expect(live.shown().value).toBe(expected);
        }
        vi.clearAllTimers();
      }),
      { numRuns: 200 },
    );
  });

  it('ends with the server’s list when changes are pushed while lists are read and answered', async () => {
    // The server's list changes (each change pushed at once); requests read it some time
    // after they are sent and answer some time after that, in any order.
    const op = fc.oneof(
      fc.constant<Op>({ kind: 'push' }),
      fc.constant<Op>({ kind: 'wait' }),
      fc.record({ kind: fc.constant('change' as const), id: fc.nat({ max: 3 }) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.nat({ max: 3 }) }),
      fc.record({ kind: fc.constant('read' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), ok: fc.constant(true) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const pushes = fakePushes();
        const { load, calls } = controlledLoad<Row[] | null>();
        const query: LiveQuery<string, Row[] | null> = {
          load,
          refetchOn: [refetchOn('cues.changed')],
          patchOn: [
            patchOn('sources.changed', (current: Row[] | null, { source }) =>
              upsertById(current ?? [], { id: source.id, roomId: source.roomId, v: Number(source.label) }),
            ),
            patchOn('sources.removed', (current: Row[] | null, { id }) => (current ? removeById(current, id) : null)),
          ],
        };
        let server: Row[] = [{ id: 's0', roomId: 'r', v: 0 }];
        let version = 0;
        const live = start(query, 'r', null, pushes.on);
        const reads = new Map<number, Row[]>(); // read, not yet answered
        const answered = new Set<number>();
        const unread = () => calls.map((_, i) => i).filter((i) => !reads.has(i) && !answered.has(i));
        const answerOne = async (index: number) => {
          const snapshot = reads.get(index) ?? null;
          reads.delete(index);
          answered.add(index);
          call(calls, index).answer(ok(snapshot));
          await settle();
        };
        for (const step of ops) {
          if (step.kind === 'push') pushes.push('cues.changed', { roomId: 'r' });
          else if (step.kind === 'wait') await vi.advanceTimersByTimeAsync(defaultCoalesceMs);
          else if (step.kind === 'change') {
            version += 1;
            const row = { id: `s${step.id}`, roomId: 'r', v: version };
            server = upsertById(server, row);
            pushes.push('sources.changed', { source: pushedSource(row) });
          } else if (step.kind === 'remove') {
            server = removeById(server, `s${step.id}`);
            pushes.push('sources.removed', { id: `s${step.id}`, roomId: 'r' });
          } else if (step.kind === 'read') {
            const waiting = unread();
            const index = waiting[step.pick % Math.max(1, waiting.length)];
            if (index !== undefined) reads.set(index, server);
          } else {
            const ready = [...reads.keys()];
            const index = ready[step.pick % Math.max(1, ready.length)];
            if (index !== undefined) await answerOne(index);
          }
        }
        for (const index of unread()) reads.set(index, server);
        for (const index of [...reads.keys()]) await answerOne(index);
        const byId = (rows: Row[] | null) => [...(rows ?? [])].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId(live.shown().value)).toEqual(byId(server));
        vi.clearAllTimers();
      }),
      { numRuns: 300 },
    );
  });
});
