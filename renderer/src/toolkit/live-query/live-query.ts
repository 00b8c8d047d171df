/**
 * "Load, then keep it fresh from pushed events", once for every panel: the room list, a
 * room's columns, sources, drafts, moments, cues… This file is the logic without React
 * (use-live-query.ts wires it to a component), so it is tested under plain Node.
 *
 * The rules it keeps:
 * - an answer to an older request never overwrites a newer one (answers can come back out
 *   of order: a slow list call, then a quick one after a push);
 * - a failed call keeps the last value and reports the error, until a call succeeds;
 * - a burst of pushes (one action often pushes several events) triggers one refetch;
 * - a push that carries the new state is applied at once, and again over the answer to a
 *   call that was already on its way, since that answer may predate it.
 */
import type { EventName, EventPayload, RiposteApi } from '../../../../shared/contract';
import type { ContractError, Result } from '../../../../shared/contract/result';

export type On = RiposteApi['on'];

/** Subscribes to one pushed event for `params`; returns the unsubscribe function. */
export type Listen<P, Notify> = (on: On, params: P, notify: Notify) => () => void;

export type Change<T> = (value: T) => T;

export interface LiveQuery<P, T> {
  /** Asks main for the current value. */
  load(params: P): Promise<Result<T>>;
  /**
   * The value already here, if it was fetched ahead (room-view/prefetch-room.ts): the view
   * starts with it instead of `initial`, one render pass sooner. `load` still runs.
   */
  peek?(params: P): Result<T> | undefined;
  /** Pushed events after which the value is stale and fetched again. */
  refetchOn?: readonly Listen<P, () => void>[];
  /** Pushed events that carry the new state themselves: applied without a round trip. */
  patchOn?: readonly Listen<P, (change: Change<T>) => void>[];
}

/** What a view shows: the newest value answered (or `initial`), and the newest error. */
export interface LiveValue<T> {
  value: T;
  error: ContractError | null;
}

export interface LiveQueryPorts<T> {
  on: On;
  /** Applies a change to what the view shows (a React state updater). */
  update(change: (current: LiveValue<T>) => LiveValue<T>): void;
  /** How long a push waits for the rest of its burst before the one refetch. */
  coalesceMs?: number;
}

export const defaultCoalesceMs = 50;

/** Refetch whenever `event` is pushed and, if given, `concerns` says it is about these params. */
export function refetchOn<E extends EventName, P>(
  event: E,
  concerns?: (payload: EventPayload<E>, params: P) => boolean,
): Listen<P, () => void> {
  return (on, params, refetch) =>
    on(event, (payload) => {
      if (!concerns || concerns(payload, params)) refetch();
    });
}

/** Pushed events that name the room they are about. */
export type RoomEventName = {
  [E in EventName]: EventPayload<E> extends { roomId: string } ? E : never;
}[EventName];

/** Refetch when `event` is pushed for the room whose id is the params. */
export function refetchOnRoom(event: RoomEventName): Listen<string, () => void> {
  return (on, roomId, refetch) =>
    on(event, (payload: { roomId: string }) => {
      if (payload.roomId === roomId) refetch();
    });
}

/** Apply `event`'s payload to the current value when it is pushed. */
export function patchOn<E extends EventName, P, T>(
  event: E,
  apply: (value: T, payload: EventPayload<E>, params: P) => T,
): Listen<P, (change: Change<T>) => void> {
  return (on, params, patch) => on(event, (payload) => patch((value) => apply(value, payload, params)));
}

export interface LiveQueryHandle {
  /** Unsubscribes, cancels a pending refetch, and ignores answers still on their way. */
  stop(): void;
}

/** A call that threw instead of answering a Result is still shown as an error. */
function thrownError(thrown: unknown): ContractError {
  return {
    ok: false,
    code: 'internal',
    message: thrown instanceof Error ? thrown.message : String(thrown),
  };
}

/** Loads now, then keeps the value fresh until `stop()`. */
export function startLiveQuery<P, T>(query: LiveQuery<P, T>, params: P, ports: LiveQueryPorts<T>): LiveQueryHandle {
  const coalesceMs = ports.coalesceMs ?? defaultCoalesceMs;
  let stopped = false;
  let sent = 0; // number of the newest request sent
  let applied = 0; // number of the newest request whose answer is shown
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Patches pushed while requests were on their way, each with the newest request sent
  // before it: an answer to that request or an older one may not include the patch yet.
  let pending: { after: number; change: Change<T> }[] = [];

  const answer = (request: number, result: Result<T>) => {
    if (stopped || request <= applied) return;
    applied = request;
    const replay = pending.filter((patch) => patch.after >= request).map((patch) => patch.change);
    pending = pending.filter((patch) => patch.after > request);
    if (result.ok) {
      const value = replay.reduce((current, change) => change(current), result.value);
      ports.update(() => ({ value, error: null }));
    } else {
      ports.update((current) => ({ value: current.value, error: result }));
    }
  };

  const load = () => {
    sent += 1;
    const request = sent;
    query.load(params).then(
      (result) => answer(request, result),
      (thrown: unknown) => answer(request, thrownError(thrown)),
    );
  };

  const refetch = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) load();
    }, coalesceMs);
  };

  const patch = (change: Change<T>) => {
    if (stopped) return;
    if (applied < sent) pending.push({ after: sent, change });
    ports.update((current) => ({ value: change(current.value), error: current.error }));
  };

  const unsubscribes = [
    ...(query.refetchOn ?? []).map((listen) => listen(ports.on, params, refetch)),
    ...(query.patchOn ?? []).map((listen) => listen(ports.on, params, patch)),
  ];
  load();

  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
