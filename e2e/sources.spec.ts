import { startFeedServer, type FeedServer } from '../main/core/ingest/testing/feed-server';
import { expect, test } from './fixtures/serve-mode';
import { addSource, openNewRoom } from './fixtures/room-steps';

test.use({ locale: 'en-GB' });

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local wire</title><link>http://127.0.0.1/</link>
  <item><guid>1</guid><title>Kick-off in Lyon</title><link>http://127.0.0.1/1</link>
    <description><![CDATA[<p>The match <script>alert(1)</script>has started <img src=x onerror=alert(2)></p>]]></description></item>
  <item><guid>2</guid><title>Blackout in the stadium</title><link>http://127.0.0.1/2</link></item>
  <item><guid>3</guid><title>Half-time: 1-0</title><link>http://127.0.0.1/3</link></item>
</channel></rss>`;

let feeds: FeedServer;
let feedsRunning = false;
test.beforeEach(async () => {
  feedsRunning = true;
  feeds = await startFeedServer({
    '/feed.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss);
    },
  });
});
test.afterEach(async () => {
  if (feedsRunning) await feeds.close();
});

test('add a feed in the UI, see its items arrive and its health turn ok, then see it fail', async ({
  page,
  served,
}) => {
  await openNewRoom(page, served.loginUrl);
  const panel = await addSource(page, { kind: 'feed', name: 'Local wire', address: feeds.url('/feed.xml') });

  const source = panel.getByRole('listitem', { name: 'Local wire' });
  await expect(source.getByRole('status', { name: 'Health of Local wire' })).toHaveText('OK');
  await expect(page.getByRole('button', { name: '1 source OK' })).toBeVisible();
  await expect(source).toContainText('3 items');

  await feeds.close();
  feedsRunning = false;
  await source.getByRole('button', { name: 'Check Local wire now' }).click();
  await expect(source.getByRole('status', { name: 'Health of Local wire' })).toHaveText('Error');
  await expect(source.getByRole('note', { name: 'Why Local wire is failing' })).toContainText('refused the connection');

  // The header says so at a glance, and one click brings the reason forward.
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const badge = page.getByRole('banner').getByRole('button', { name: '1 source failing: Local wire' });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(source.getByRole('note', { name: 'Why Local wire is failing' })).toBeVisible();
});

test('a bad feed address gets a clear error in the form', async ({ page, served }) => {
  await openNewRoom(page, served.loginUrl);
  const panel = await addSource(page, { kind: 'feed', name: 'Nope', address: 'javascript:alert(1)' });
  const form = panel.getByRole('form', { name: 'New source' });
  await expect(form.getByRole('alert')).toHaveText('Give a full web address starting with https:// (or http://).');
  await expect(panel.getByRole('list', { name: 'Sources of this room' }).getByRole('listitem')).toHaveCount(0);
});

test.describe('first start', () => {
  test.use({ demo: true });

  test('opens the demo war room, replaying the recorded final, with its run of show', async ({ page, served }) => {
    await page.goto(served.loginUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Finale');
    // Kick-off comes 45 minutes into the recording: 4 min 30 s at 10×.
    await expect(page.getByRole('timer', { name: 'Next cue' })).toHaveText(/^Coup d'envoi in 0[34]:\d{2}$/);
    await page.getByRole('tab', { name: 'Moments', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Cues' }).getByRole('listitem')).toHaveText([
      /Coup d'envoi/,
      /Mi-temps/,
      /Reprise/,
      /Coup de sifflet final/,
    ]);
    await page.getByRole('tab', { name: 'Sources', exact: true }).click();
    const replay = page.getByRole('listitem', { name: 'Rediffusion de la finale (démo)' });
    await expect(replay.getByRole('status')).toHaveText('OK');
    await expect(replay).toContainText(/\d+ items/);
    await expect(replay.getByRole('combobox', { name: /Replay speed/ })).toHaveValue('10');
    await replay.getByRole('button', { name: 'Pause replay' }).click();
    await expect(replay.getByRole('group')).toContainText('Paused');
  });
});
