import type { Browser, BrowserContext, Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { addMember } from './fixtures/room-steps';
import { expect, test, type TeamHost } from './fixtures/team-host';
import { pickMe } from './fixtures/who-am-i';

test.use({ ignoreHTTPSErrors: true });

/** The lead at the host machine: a room, themselves as lead, and the Team tab open. */
async function leadOpensRoom(page: Page, team: TeamHost) {
  await page.goto(team.loginUrl);
  await page.getByRole('textbox', { name: 'Room name' }).fill('Cup final');
  await page.getByRole('button', { name: 'Create the war room' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Drafts' });
  await panel.getByRole('tab', { name: 'Team' }).click();
  await addMember(panel, 'Léa', 'Lead');
  await pickMe(page, 'Léa (Lead)');
  await expect(panel.getByRole('region', { name: 'Hosting for the team' })).toBeVisible();
  return panel;
}

/** The lead invites someone; returns the invite's link and code as shown. */
async function invite(panel: ReturnType<Page['getByRole']>, name: string, role: string) {
  const form = panel.getByRole('form', { name: 'Invite someone' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
  await form.getByRole('button', { name: 'Create invite' }).click();
  const shown = panel.getByRole('group', { name });
  await expect(shown.getByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
  return {
    link: (await shown.getByLabel('Link').textContent()) ?? '',
    code: (await shown.getByLabel('Code').textContent()) ?? '',
    text: (await shown.textContent()) ?? '',
  };
}

/** A teammate's own browser (another laptop): redeems the invite, names the device, lands in the room. */
async function teammateJoins(browser: Browser, how: { link?: string; code?: string }, device: string, origin: string) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(how.link ?? `${origin}/join`);
  if (how.code) await page.getByRole('textbox', { name: 'Invite code' }).fill(how.code);
  await page.getByRole('textbox', { name: 'Device name' }).fill(device);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
  // No secret left in the address bar.
  expect(page.url()).not.toContain('invite');
  return { context, page };
}

/** Calls the contract over the teammate's own WebSocket (their cookie, the app's Origin). */
async function callAs(context: BrowserContext, origin: string, call: string, input: unknown) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const socket = new WebSocket(`${origin.replace('https:', 'wss:')}/api`, {
    headers: { origin, cookie },
    rejectUnauthorized: false,
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const answer = new Promise<Record<string, unknown>>((resolve) =>
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string; id: number; result: Record<string, unknown> };
      if (message.kind === 'result' && message.id === 1) resolve(message.result);
    }),
  );
  socket.send(JSON.stringify({ id: 1, call, input }));
  const result = await answer;
  socket.close();
  return result;
}

test('invite → redeem → act in one’s role → refused outside it → revoked mid-session', async ({
  page,
  browser,
  team,
}) => {
  const panel = await leadOpensRoom(page, team);
  const hosting = panel.getByRole('region', { name: 'Hosting for the team' });
  await expect(hosting).toContainText(team.fingerprint);

  const walid = await invite(panel, 'Walid', 'Writer');
  expect(walid.link).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/join#invite=/);
  expect(walid.text).toContain(team.fingerprint);
  const olga = await invite(panel, 'Olga', 'Observer');

  // The writer opens the link, the observer types the code, each on their own browser.
  const writer = await teammateJoins(browser, { link: walid.link }, 'Walid’s laptop', team.origin);
  const observer = await teammateJoins(browser, { code: olga.code }, 'Olga’s phone', team.origin);
  const cookie = (await writer.context.cookies()).find((c) => c.name === 'riposte_session');
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

  // Acting in their role: the writer drafts, as themselves (their invite says who: nothing to pick).
  const writerDrafts = writer.page.getByRole('complementary', { name: 'Drafts' });
  await writer.page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  await expect(writer.page.getByRole('status', { name: 'Acting as' })).toHaveText('You are Walid (Writer)');
  await expect(writer.page.getByRole('button', { name: 'Switch person (i)' })).toHaveCount(0);
  await expect(writerDrafts.getByRole('button', { name: 'Pick who you are (i)' })).toHaveCount(0);
  await writerDrafts.getByRole('button', { name: 'New draft' }).click();
  const rooms = (await callAs(writer.context, team.origin, 'rooms.list', {})) as { value: Array<{ id: string }> };
  const roomId = rooms.value[0]?.id ?? '';
  const drafts = (await callAs(writer.context, team.origin, 'drafts.list', { roomId })) as {
    value: Array<{ id: string }>;
  };
  expect(drafts.value).toHaveLength(1);

  // Outside it: the observer cannot draft, and says why.
  expect(
    await callAs(observer.context, team.origin, 'drafts.create', { roomId, trigger: { kind: 'scratch' }, body: 'x' }),
  ).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.roleMay.write' });

  // The lead sees both, on their devices, and revokes the writer's session.
  const connected = panel.getByRole('list', { name: 'Connected people' });
  await expect(connected.getByRole('listitem', { name: 'Walid — Walid’s laptop' })).toBeVisible();
  await expect(connected.getByRole('listitem', { name: 'Olga — Olga’s phone' })).toBeVisible();
  await connected.getByRole('button', { name: 'Revoke session of Walid on Walid’s laptop' }).click();
  // The revoked teammate is told what happened and what to do, not shown a raw error.
  const revoked = writer.page.getByRole('alert').filter({ hasText: 'Your access to this room was revoked.' });
  await expect(revoked).toContainText('ask the lead for a new invite');
  await expect(revoked.getByRole('link', { name: 'Go to the join page' })).toHaveAttribute('href', '/join');
  const again = await writer.page.request.get(`${team.origin}/`, { maxRedirects: 0 });
  expect(again.status()).toBe(401);
  await writer.page.reload();
  await expect(writer.page.getByRole('heading', { level: 1, name: 'No access to this war room' })).toBeVisible();
  await expect(connected.getByRole('listitem', { name: 'Walid — Walid’s laptop' })).toHaveCount(0);
  await writer.context.close();
  await observer.context.close();
});

test('approving as someone else is impossible: no input names the actor, and the session cannot pick', async ({
  page,
  browser,
  team,
}) => {
  const panel = await leadOpensRoom(page, team);
  const olga = await invite(panel, 'Olga', 'Observer');
  const observer = await teammateJoins(browser, { link: olga.link }, 'tablet', team.origin);
  const rooms = (await callAs(observer.context, team.origin, 'rooms.list', {})) as { value: Array<{ id: string }> };
  const roomId = rooms.value[0]?.id ?? '';
  const members = (await callAs(observer.context, team.origin, 'members.list', { roomId })) as {
    value: Array<{ id: string; name: string }>;
  };
  const lea = members.value.find((m) => m.name === 'Léa');
  // Léa, at the host, writes a draft: the one an observer would like to approve in her name.
  await panel.getByRole('tab', { name: 'Queue' }).click();
  await panel.getByRole('button', { name: 'New draft' }).click();
  type Drafts = { value: Array<{ id: string }> };
  await expect
    .poll(async () => ((await callAs(observer.context, team.origin, 'drafts.list', { roomId })) as Drafts).value.length)
    .toBe(1);
  const draftId = ((await callAs(observer.context, team.origin, 'drafts.list', { roomId })) as Drafts).value[0]?.id;
  expect(await callAs(observer.context, team.origin, 'session.identify', { roomId, memberId: lea?.id })).toMatchObject({
    ok: false,
    code: 'forbidden',
    messageKey: 'errors.team.boundSession',
  });
  // An actor field is not part of the contract: it is dropped, and the call is the observer's own.
  const answer = await callAs(observer.context, team.origin, 'drafts.transition', {
    id: draftId,
    action: { type: 'approve' },
    actorId: lea?.id,
    memberId: lea?.id,
  });
  expect(answer).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.roleMay.review' });
  await observer.context.close();
});

test('faults: an invite used twice, a brute-force of codes, a WebSocket from another Origin, a revoked cookie replayed', async ({
  page,
  team,
}) => {
  const panel = await leadOpensRoom(page, team);
  // The printed address's token is traded for a cookie of its own: the token itself opens nothing as a cookie.
  const printed = new URL(team.loginUrl).searchParams.get('token') ?? '';
  const leadCookie = (await page.context().cookies()).find((c) => c.name === 'riposte_session');
  expect(leadCookie?.value).toBeTruthy();
  expect(leadCookie?.value).not.toBe(printed);
  const asCookie = await team.newRequest();
  expect(
    (await asCookie.get('/', { headers: { cookie: `riposte_session=${printed}` }, maxRedirects: 0 })).status(),
  ).toBe(401);
  const stolen = await invite(panel, 'Walid', 'Writer');
  const secret = stolen.link.split('#invite=')[1] ?? '';
  const first = await team.newRequest();
  const redeemed = await first.post('/join', { data: { secret, device: 'laptop' } });
  expect(redeemed.status()).toBe(200);
  const setCookie = redeemed.headers()['set-cookie'] ?? '';
  expect(setCookie).toMatch(/HttpOnly; Secure; SameSite=Strict/);
  const token = /riposte_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
  expect(token.length).toBeGreaterThanOrEqual(43);

  const thief = await team.newRequest();
  const twice = await thief.post('/join', { data: { secret, device: 'thief' } });
  expect(twice.status()).toBe(401);
  expect(await twice.json()).toMatchObject({ messageKey: 'errors.team.inviteUsed' });

  // Another Origin cannot open the API socket, even with a good cookie.
  const foreign = new WebSocket(`${team.origin.replace('https:', 'wss:')}/api`, {
    headers: { origin: 'https://evil.example', cookie: `riposte_session=${token}` },
    rejectUnauthorized: false,
  });
  expect(
    await new Promise<number>((resolve) => {
      foreign.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      foreign.on('open', () => resolve(101));
    }),
  ).toBe(403);

  // Revoked, the cookie opens nothing anymore.
  const connected = panel.getByRole('list', { name: 'Connected people' });
  await connected.getByRole('button', { name: 'Revoke every session of Walid' }).click();
  await expect(connected.getByRole('listitem', { name: 'Walid — laptop' })).toHaveCount(0);
  const replay = await thief.get('/', { headers: { cookie: `riposte_session=${token}` }, maxRedirects: 0 });
  expect(replay.status()).toBe(401);
  const replayedSocket = new WebSocket(`${team.origin.replace('https:', 'wss:')}/api`, {
    headers: { origin: team.origin, cookie: `riposte_session=${token}` },
    rejectUnauthorized: false,
  });
  expect(
    await new Promise<number>((resolve) => {
      replayedSocket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      replayedSocket.on('open', () => resolve(101));
    }),
  ).toBe(401);

  // Guessing codes: after 10 failures from this address, even the right code is turned away.
  const good = await invite(panel, 'Ali', 'Analyst');
  const guesser = await team.newRequest();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    statuses.push(
      (await guesser.post('/join', { data: { secret: `ZZZZZ-${String(i).padStart(5, '0')}`, device: 'x' } })).status(),
    );
  }
  const right = await guesser.post('/join', { data: { secret: good.code, device: 'x' } });
  expect(right.status()).toBe(429);
  expect(right.headers()['retry-after']).toMatch(/^\d+$/);
  expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
});
