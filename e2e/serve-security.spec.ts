import { expect, test } from './fixtures/serve-mode';

/** Opens a WebSocket to the host from Node, with the headers a test chooses. */
function openSocket(url: string, headers: Record<string, string>) {
  return import('ws').then(({ WebSocket }) => new WebSocket(url, { headers }));
}

test('a request without the session token is refused', async ({ request, served }) => {
  const anonymous = await request.get(served.url, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.text()).toContain('needs the session token');

  const wrong = await request.get(`${served.url}?token=not-the-token`, { maxRedirects: 0 });
  expect(wrong.status()).toBe(401);

  const withToken = await request.get(served.loginUrl, { maxRedirects: 0 });
  expect(withToken.status()).toBe(302);
  expect(withToken.headers()['set-cookie']).toContain('HttpOnly');
});

test('a page served with the token carries a strict content security policy', async ({ page, served }) => {
  const response = await page.goto(served.loginUrl);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('the WebSocket needs the token and the app origin', async ({ served }) => {
  const wsUrl = served.url.replace('http:', 'ws:') + 'api';
  const origin = served.url.replace(/\/$/, '');

  const refusals: { headers: Record<string, string> }[] = [
    { headers: { origin } }, // no token
    { headers: { origin: 'http://evil.example', cookie: `riposte_session=${served.token}` } }, // wrong origin
  ];
  for (const { headers } of refusals) {
    const socket = await openSocket(wsUrl, headers);
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status === 401 || status === 403).toBe(true);
  }
});

test('oversized and malformed messages get an error answer and the host keeps serving', async ({ served }) => {
  const wsUrl = served.url.replace('http:', 'ws:') + 'api';
  const socket = await openSocket(wsUrl, {
    origin: served.url.replace(/\/$/, ''),
    cookie: `riposte_session=${served.token}`,
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const answers: unknown[] = [];
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
    );

  let answer = next();
  socket.send(JSON.stringify({ id: 7, call: 'rooms.create', input: { name: 'x'.repeat(5 * 1024 * 1024) } }));
  answers.push(await answer);
  expect(answers[0]).toMatchObject({ kind: 'result', id: 7, result: { ok: false, code: 'too_large' } });

  answer = next();
  socket.send('{ this is not json');
  expect(await answer).toMatchObject({ kind: 'result', id: null, result: { ok: false, code: 'invalid_input' } });

  answer = next();
  socket.send(JSON.stringify({ id: 8, call: 'rooms.create', input: { name: 'x'.repeat(10_000) } }));
  expect(await answer).toMatchObject({ id: 8, result: { ok: false, code: 'invalid_input', field: 'name' } });

  answer = next();
  socket.send(JSON.stringify({ id: 9, call: 'rooms.list', input: {} }));
  expect(await answer).toMatchObject({ id: 9, result: { ok: true, value: [] } });
  socket.close();
});
