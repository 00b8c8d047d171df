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
export { defaultSanitize } from '../../sanitize/sanitizer';
export type { SanitizeWithText } from '../../sanitize/sanitizer';
export { parseJsonFrame } from './json-frame';
