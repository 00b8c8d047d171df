import { WebSocket } from 'ws';

/**
 * One WebSocket that reconnects with jittered exponential backoff, shared by the Mastodon
 * stream and the Jetstream client. Everything that touches time or the network is injected
 * so it runs the same in a worker thread and in tests.
 */

export type SocketData = Buffer | ArrayBuffer | Buffer[];

/** The part of a `ws` WebSocket this code uses; `ws`'s class satisfies it. */
export interface SocketLike {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: SocketData, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'pong' | 'ping', listener: (data: Buffer) => void): unknown;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  removeAllListeners(): unknown;
}

export interface SocketOptions {
  handshakeTimeout?: number;
  maxPayload?: number;
  headers?: Record<string, string>;
}

export type WebSocketConstructor = new (url: string, options?: SocketOptions) => SocketLike;

export const defaultWebSocket: WebSocketConstructor = WebSocket;

export interface StreamTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: StreamTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/** Full-range jitter between half and all of the exponential delay, so clients do not reconnect in lockstep. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential * (0.5 + random() / 2));
}

export type StreamState = 'idle' | 'connecting' | 'open' | 'waiting_to_reconnect' | 'stopped';

export interface ReconnectingSocketOptions {
  /** Asked again before every attempt: a Jetstream cursor moves between attempts. */
  url: () => string;
  WebSocket: WebSocketConstructor;
  timers: StreamTimers;
  random: () => number;
  backoff: BackoffPolicy;
  /** No message or pong for this long means the connection is dead even if TCP did not say so. */
  idleTimeoutMs: number | null;
  maxPayloadBytes: number;
  onOpen(send: (data: string) => void): void;
  onText(text: string): void;
  /** Once per outage (the first failed attempt or lost connection), not once per retry. */
  onOutage(reason: string): void;
  onStateChange?(state: StreamState): void;
}

export class ReconnectingSocket {
  private socket: SocketLike | null = null;
  private state: StreamState = 'idle';
  private attempt = 0;
  private inOutage = false;
  private reconnectTimer: unknown = null;
  private idleTimer: unknown = null;
  private pingTimer: unknown = null;

  constructor(private readonly options: ReconnectingSocketOptions) {}

  get currentState(): StreamState {
    return this.state;
  }

  start(): void {
    if (this.state !== 'idle' && this.state !== 'stopped') return;
    this.connect();
  }

  stop(): void {
    this.setState('stopped');
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      // Keep a listener so a late 'error' from the closing socket is not an unhandled event.
      socket.on('error', () => undefined);
      socket.terminate();
    }
  }

  /** Sends on the open connection; answers false when there is none (the message is resent on open by the owner). */
  send(data: string): boolean {
    if (this.state !== 'open' || !this.socket) return false;
    this.socket.send(data);
    return true;
  }

  private connect(): void {
    this.setState('connecting');
    let socket: SocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url(), {
        handshakeTimeout: 20_000,
        maxPayload: this.options.maxPayloadBytes,
      });
    } catch (error) {
      this.handleLoss(error instanceof Error ? error.message : String(error));
      return;
    }
    this.socket = socket;
    let lastError = '';
    socket.on('open', () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.inOutage = false;
      this.setState('open');
      this.armIdleTimer();
      this.options.onOpen((data) => socket.send(data));
    });
    socket.on('message', (data, isBinary) => {
      if (this.socket !== socket) return;
      this.armIdleTimer();
      // Binary frames would be zstd-compressed Jetstream events, which we never ask for.
      if (isBinary) return;
      this.options.onText(socketDataToText(data));
    });
    socket.on('pong', () => this.socket === socket && this.armIdleTimer());
    socket.on('ping', () => this.socket === socket && this.armIdleTimer());
    socket.on('error', (error) => {
      lastError = error.message;
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const why = lastError || reason.toString('utf8') || `connection closed (code ${code})`;
      this.handleLoss(why);
    });
  }

  private handleLoss(reason: string): void {
    this.clearTimers();
    if (this.state === 'stopped') return;
    if (!this.inOutage) {
      this.inOutage = true;
      this.options.onOutage(reason);
    }
    // onOutage may have stopped us.
    if (this.currentState === 'stopped') return;
    this.setState('waiting_to_reconnect');
    const delay = backoffDelayMs(this.attempt, this.options.backoff, this.options.random);
    this.attempt += 1;
    this.reconnectTimer = this.options.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.state === 'waiting_to_reconnect') this.connect();
    }, delay);
  }

  private armIdleTimer(): void {
    const idleMs = this.options.idleTimeoutMs;
    if (idleMs === null) return;
    const { timers } = this.options;
    if (this.idleTimer !== null) timers.clearTimeout(this.idleTimer);
    if (this.pingTimer !== null) timers.clearTimeout(this.pingTimer);
    const socket = this.socket;
    this.pingTimer = timers.setTimeout(
      () => {
        this.pingTimer = null;
        if (this.socket === socket) socket?.ping();
      },
      Math.floor(idleMs / 2),
    );
    this.idleTimer = timers.setTimeout(() => {
      this.idleTimer = null;
      // terminate() emits 'close', which schedules the reconnect.
      if (this.socket === socket) socket?.terminate();
    }, idleMs);
  }

  private clearTimers(): void {
    const { timers } = this.options;
    for (const handle of [this.reconnectTimer, this.idleTimer, this.pingTimer]) {
      if (handle !== null) timers.clearTimeout(handle);
    }
    this.reconnectTimer = null;
    this.idleTimer = null;
    this.pingTimer = null;
  }

  private setState(state: StreamState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }
}

function socketDataToText(data: SocketData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
