/**
 * The renderer's one door to the core. In the desktop app the preload has put the
 * contract's methods on `window.riposte` (IPC); in a browser tab (serve mode) the same
 * methods travel over one WebSocket. No other renderer file knows which.
 */
import type { CallInput, CallOutput, RiposteApi } from '../../shared/contract';
import { buildApi, type CallName, type EventName } from '../../shared/contract/build-api';
import type { Result } from '../../shared/contract/result';
import type { WireCall, WireMessage } from '../../shared/contract/wire';
import { withSharedReads } from './toolkit/shared-reads';

declare global {
  interface Window {
    riposte?: RiposteApi;
  }
}

/**
 * `revoked`: a teammate's session the lead ended (or whose person left the team); only a
 * new invite lets them back in. `unauthorized`: no valid session at all.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'unauthorized' | 'revoked';

const connectionListeners = new Set<(state: ConnectionState) => void>();
let connectionState: ConnectionState = window.riposte ? 'open' : 'connecting';

function setConnectionState(state: ConnectionState) {
  connectionState = state;
  for (const listener of connectionListeners) listener(state);
}

export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener);
  listener(connectionState);
  return () => connectionListeners.delete(listener);
}

const lostResult = (): Result<never> => ({
  ok: false,
  code: 'unavailable',
  message: 'Lost the connection to Riposte. Reconnecting…',
  messageKey: 'errors.network',
});

/** Serve mode: one socket, calls matched to answers by id, reconnecting with backoff. */
function createWebSocketApi(): RiposteApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryMs = 250;
  let everOpened = false;

  const connect = () => {
    const url = new URL('/api', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => {
      everOpened = true;
      retryMs = 250;
      // Listeners hear 'open' before the queue goes out, and what they send goes first: a new
      // socket is a new session in main, so who-am-i tells it the remembered picks here and
      // the calls queued meanwhile act as the right person. Keep this order.
      setConnectionState('open');
      for (const message of queue.splice(0)) socket?.send(message);
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as WireMessage;
      if (message.kind === 'result') {
        if (message.id === null) return;
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.event as EventName) ?? []) listener(message.payload);
      }
    };
    socket.onclose = (event: CloseEvent) => {
      for (const resolve of pending.values()) resolve(lostResult());
      pending.clear();
      // The lead revoked this session (main/host/websocket-api.ts): reconnecting cannot help.
      if (event.code === 4401) {
        setConnectionState('revoked');
        return;
      }
      // A socket refused before it ever opened means the session token is not valid here.
      if (!everOpened) {
        void fetch(window.location.href, { cache: 'no-store' }).then((response) => {
          // Over HTTPS this is a teammate's tab (team hosting): a session that no longer opens was ended.
          if (response.status === 401)
            setConnectionState(window.location.protocol === 'https:' ? 'revoked' : 'unauthorized');
          else scheduleReconnect();
        }, scheduleReconnect);
        return;
      }
      scheduleReconnect();
    };
  };

  const scheduleReconnect = () => {
    setConnectionState('lost');
    window.setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };

  const send = (name: CallName, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      const message = JSON.stringify({ id, call: name, input } satisfies WireCall);
      pending.set(id, resolve);
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });

  const subscribe = (name: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  };

  connect();
  return buildApi(send, subscribe);
}

const reads = withSharedReads(window.riposte ?? createWebSocketApi());
export const api: RiposteApi = reads.api;
/** See shared-reads.ts: asks now for what the first paint will ask for. */
export const prefetch = reads.prefetch;
/** See shared-reads.ts: an answer fetched ahead that has arrived, to render with at once. */
// Typed per call here: shared-reads keeps each call's own answer under its name and input.
export const peek = reads.peek as <N extends CallName>(
  name: N,
  input: CallInput<N>,
) => Result<CallOutput<N>> | undefined;

/** The desktop app shows moment notifications natively from main; a browser tab shows its own. */
export const shellNotifiesMoments = window.riposte !== undefined;

/** Unwraps a result or throws it, for code paths where any failure is shown the same way. */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw Object.assign(new Error(result.message), { result });
  return result.value;
}
