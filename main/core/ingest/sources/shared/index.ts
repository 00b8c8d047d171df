export {
  ReconnectingSocket,
  backoffDelayMs,
  defaultBackoff,
  defaultWebSocket,
  systemTimers,
} from './reconnecting-socket';
export type {
  BackoffPolicy,
  ReconnectingSocketOptions,
  SocketLike,
  StreamState,
  StreamTimers,
  WebSocketConstructor,
} from './reconnecting-socket';
export { SeenIds } from './seen-ids';
export type { SourcePollFailure } from './poll-failure';
export { defaultSanitize } from './sanitize';
export type { SanitizeWithText } from './sanitize';
export { parseJsonFrame } from './json-frame';
