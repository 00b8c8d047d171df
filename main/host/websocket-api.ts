import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { maxWireMessageBytes, type WireCall, type WireMessage } from '../../shared/contract/wire';
import { englishError } from '../../shared/i18n/english-errors';
import type { Core } from '../core/create-core';
import type { Session } from '../core/session/session';
import { teammateEvent } from '../core/team/teammate-view';
import { createSocketCalls } from './socket-calls';

/** What one socket may hold unsent (answers and pushes together): beyond it, the tab has stalled. */
export const maxBufferedBytes = 16 * 1024 * 1024;
/**
 * What all sockets together may hold unsent: 256 stalled sockets at 16 MB each would be 4 GB.
 * Past it, the socket with the largest backlog is closed.
 */
export const maxBufferedBytesTotal = 64 * 1024 * 1024;
/** A socket this far behind is worth summing the host's backlog for (a reading one stays near 0). */
const backlogWorthChecking = 256 * 1024;
/** Sockets from one address (a teammate's tabs), and in all: each holds buffers and a session. */
export const maxSocketsPerAddress = 32;
/** Calls one socket may have running at once: past it, its further calls wait in the kernel, not here. */
export const maxCallsInFlight = 16;
export const maxSockets = 256;

export interface WebSocketLimits {
  maxBufferedBytes?: number;
  maxBufferedBytesTotal?: number;
  maxSocketsPerAddress?: number;
  maxSockets?: number;
}

function parseCall(text: string): WireCall | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { id, call, input } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof call !== 'string') return null;
    return { id, call, input };
  } catch {
    return null;
  }
}

/** Reads `"id": N` from the head of a message too large to parse, so its answer can be matched. */
function peekId(data: Buffer): number | null {
  const match = /"id"\s*:\s*(\d{1,15})/.exec(data.subarray(0, 64).toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}

/** The room an event is about, when it names one: a teammate's socket gets only its own room's. */
function eventRoom(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const fields = payload as { roomId?: unknown; room?: { id?: unknown }; source?: { roomId?: unknown } };
  if (typeof fields.roomId === 'string') return fields.roomId;
  if (typeof fields.source?.roomId === 'string') return fields.source.roomId;
  return typeof fields.room?.id === 'string' ? fields.room.id : undefined;
}

/** Close code for a session the lead revoked (the client shows why and does not reconnect). */
export const revokedCloseCode = 4401;

export function createWebSocketApi(core: Core, limits: WebSocketLimits = {}) {
  const budget = limits.maxBufferedBytes ?? maxBufferedBytes;
  const hostBudget = limits.maxBufferedBytesTotal ?? maxBufferedBytesTotal;
  const perAddress = limits.maxSocketsPerAddress ?? maxSocketsPerAddress;
  const total = limits.maxSockets ?? maxSockets;
  const addresses = new Map<WebSocket, string>();
  // The hard cap closes the socket (1009); below it, oversized calls get an error answer.
  const server = new WebSocketServer({ noServer: true, maxPayload: maxWireMessageBytes * 4 });
  // Each socket is one connection with its own session: who picked themselves on it.
  const sockets = new Map<WebSocket, Session>();

  /**
   * Every write goes through the same budget: a client that stops reading would otherwise
   * keep every answer in this process's memory. Past the budget the socket is closed; the
   * tab reconnects (and reloads what it shows) once it reads again.
   */
  const closeStalled = (socket: WebSocket, budgetPassed: 'socket' | 'host') => {
    core.log.warn('A client stopped reading: its socket is closed', {
      address: addresses.get(socket),
      buffered: socket.bufferedAmount,
      budgetPassed,
    });
    socket.terminate();
  };
  /** Closes the most backlogged sockets until what all of them hold fits the host's budget. */
  const keepHostBudget = () => {
    const open = [...sockets.keys()].filter((socket) => socket.readyState === socket.OPEN);
    let held = open.reduce((sum, socket) => sum + socket.bufferedAmount, 0);
    open.sort((a, b) => b.bufferedAmount - a.bufferedAmount);
    for (const socket of open) {
      if (held <= hostBudget) break;
      held -= socket.bufferedAmount;
      closeStalled(socket, 'host');
    }
  };
  const write = (socket: WebSocket, text: string) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount + Buffer.byteLength(text) > budget) {
      closeStalled(socket, 'socket');
      return;
    }
    socket.send(text);
    if (socket.bufferedAmount > backlogWorthChecking) keepHostBudget();
  };
  const send = (socket: WebSocket, message: WireMessage) => write(socket, JSON.stringify(message));

  const unsubscribe = core.events.subscribe((event, payload) => {
    const text = JSON.stringify({ kind: 'event', event, payload } satisfies WireMessage);
    // What a teammate is sent: the same news without the host's paths, serialized once for all of them.
    let teammateText: string | undefined;
    const room = eventRoom(payload);
    for (const [socket, session] of sockets) {
      const bound = session.binding;
      // The host's own settings are not a teammate's; another room's news is not theirs to see.
      if (bound && (event === 'settings.changed' || (room !== undefined && room !== bound.roomId))) continue;
      if (bound) {
        teammateText ??= JSON.stringify({
          kind: 'event',
          event,
          payload: teammateEvent(event, payload),
        } satisfies WireMessage);
        write(socket, teammateText);
      } else write(socket, text);
    }
  });
  const stopRevocations = core.access.onRevoked((sessionIds) => {
    const ended = new Set(sessionIds);
    for (const [socket, session] of sockets) {
      if (session.binding && ended.has(session.binding.sessionId)) socket.close(revokedCloseCode, 'session revoked');
    }
  });

  const onMessage = async (socket: WebSocket, session: Session, data: RawData) => {
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (buffer.length > maxWireMessageBytes) {
      send(socket, {
        kind: 'result',
        id: peekId(buffer),
        result: {
          ok: false,
          code: 'too_large',
          message: englishError('errors.messageTooLarge') ?? 'Too large',
          messageKey: 'errors.messageTooLarge',
        },
      });
      return;
    }
    const call = parseCall(buffer.toString('utf8'));
    if (!call) {
      send(socket, {
        kind: 'result',
        id: null,
        result: {
          ok: false,
          code: 'invalid_input',
          message: englishError('errors.malformedMessage') ?? 'Malformed',
          messageKey: 'errors.malformedMessage',
        },
      });
      return;
    }
    // A socket closed meanwhile (for its backlog, say) gets no more work done for it.
    if (socket.readyState !== socket.OPEN) return;
    const result = await core.dispatch(call.call, call.input, session);
    send(socket, { kind: 'result', id: call.id, result });
  };

  return {
    /** Open sockets (tests, and the log when one is refused). */
    connections: () => sockets.size,
    /** Called once the HTTP layer has checked Host, Origin and the cookie, and found its session. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, session: Session) {
      const address = request.socket.remoteAddress ?? 'unknown';
      const fromAddress = [...addresses.values()].filter((other) => other === address).length;
      if (sockets.size >= total || fromAddress >= perAddress) {
        core.log.warn('Too many connections: one more refused', { address, fromAddress, total: sockets.size });
        socket.end(
          'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n',
        );
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => {
        sockets.set(ws, session);
        addresses.set(ws, address);
        if (session.binding) core.access.socketOpened(session.binding);
        // A client that sends thousands of calls at once must not have all their answers built
        // in memory together: a few run, the rest wait (as bytes) and reading stops meanwhile.
        const calls = createSocketCalls<RawData>({
          limit: maxCallsInFlight,
          run: (data) =>
            onMessage(ws, session, data).catch((error: unknown) =>
              core.log.error('WebSocket message failed', { error }),
            ),
          isOpen: () => ws.readyState === ws.OPEN,
          pause: () => ws.pause(),
          resume: () => ws.resume(),
        });
        ws.on('message', (data) => calls.received(data));
        ws.on('error', (error) => core.log.warn('WebSocket error', { error }));
        ws.on('close', () => {
          sockets.delete(ws);
          addresses.delete(ws);
          core.forgetSession(session);
          if (session.binding) core.access.socketClosed(session.binding);
        });
      });
    },
    close() {
      unsubscribe();
      stopRevocations();
      for (const socket of sockets.keys()) socket.terminate();
      server.close();
    },
  };
}
