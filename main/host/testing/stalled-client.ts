import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One masked client text frame (RFC 6455), written by hand so the client can then stop reading. */
export function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  if (length > 0xffff) throw new Error('clientFrame writes frames under 64 KiB');
  const head =
    length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0)));
  return Buffer.concat([head, mask, masked]);
}

/**
 * A serve-mode client that completes the WebSocket handshake with the session cookie, then
 * never reads another byte: what a frozen tab or a hostile script does to the host.
 */
export async function stalledClient(port: number, token: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      'GET /api HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: http://127.0.0.1:${port}`,
      `Cookie: riposte_session=${token}`,
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString('latin1'))));
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`The handshake was refused: ${head.split('\r\n')[0] ?? ''}`);
  socket.pause();
  // The host closing it is expected; an unread reset must not end the process.
  socket.on('error', () => {});
  return socket;
}
