import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startMastodonPublishServer,
  type FakeMastodonPublishServer,
} from '../main/core/networks/testing/mastodon-publish-server';
import { makeStatus, startMastodonServer } from '../main/core/networks/testing/mastodon-server';
import { startNetworkSwitch } from './fixtures/network-switch';
import { approvedDraft, publishToMastodon, roomWithMastodon, statusOn } from './fixtures/publish-steps';
import { expect, test } from './fixtures/serve-mode';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB' });

const HOLD_MS = 10_000;
/** Long enough for the undo window, the sender's tick and a retry after the network is back. */
const OUTCOME = { timeout: 30_000 };

let mastodon: FakeMastodonPublishServer;
test.beforeEach(async () => {
  mastodon = await startMastodonPublishServer({});
});
test.afterEach(async () => {
  await mastodon.close();
});

test('approve, publish, cancel inside the undo window, publish again: the link is on the card', async ({
  page,
  served,
}) => {
  test.setTimeout(90_000);
  const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token);
  const editor = await approvedDraft(drafts, 'What a final! Thank you to every fan.');

  const publishForm = editor.getByRole('form', { name: 'Publish to channels' });
  const a11y = await new AxeBuilder({ page }).include('.publish-dialog').analyze();
  expect(a11y.violations).toEqual([]);

  await publishToMastodon(editor);
  const channel = statusOn(editor);
  await expect(channel.getByRole('timer')).toHaveText(/^Queued: leaves in \d+ s$/);
  await channel.getByRole('button', { name: 'Cancel' }).click();
  await expect(channel.getByRole('status')).toHaveText('Cancelled');
  expect(mastodon.statuses).toHaveLength(0);

  await publishToMastodon(editor);
  await expect(statusOn(editor).getByRole('timer')).toHaveText(/^Queued: leaves in \d+ s$/);
  await expect(statusOn(editor).getByRole('status')).toHaveText(/^Published at \d{1,2}:\d\d( [AP]M)?$/, OUTCOME);
  await expect(editor.getByRole('status', { name: 'Publication status' })).toHaveText('Published');
  expect(mastodon.statuses).toHaveLength(1);
  expect(mastodon.statuses[0]?.content).toContain('What a final! Thank you to every fan.');
  await expect(publishForm).toBeVisible();

  await editor.getByRole('button', { name: 'Queue' }).click();
  const card = drafts.getByRole('region', { name: 'Published' }).getByRole('listitem', { name: /What a final!/ });
  const link = card.getByRole('link', { name: 'Open the post' });
  await expect(link).toHaveAttribute('href', mastodon.statuses[0]?.url ?? 'missing');
  // Opened outside the app: the shell hands a new window to the system browser.
  await expect(link).toHaveAttribute('target', '_blank');

  await page.getByRole('tab', { name: 'Publishing', exact: true }).click();
  const panel = await new AxeBuilder({ page }).include('.publishing-panel').analyze();
  expect(panel.violations).toEqual([]);
});

test('freeze with an entry queued: nothing leaves, every screen says so, unfreezing lists what waits', async ({
  page,
  served,
  context,
}) => {
  test.setTimeout(90_000);
  const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token);
  const editor = await approvedDraft(drafts, 'Kick-off in ten minutes.');
  await publishToMastodon(editor);
  await expect(statusOn(editor).getByRole('timer')).toHaveText(/^Queued: leaves in \d+ s$/);
  const queuedAt = Date.now();

  await page.getByRole('tab', { name: 'Publishing', exact: true }).click();
  const freeze = page.getByRole('region', { name: 'Stop all publishing' });
  await freeze.getByRole('textbox', { name: /Reason/ }).fill('A tragedy at the stadium');
  await freeze.getByRole('button', { name: 'Stop all publishing' }).click();
  const banner = page.getByRole('alert', { name: 'Publishing is stopped' });
  await expect(banner).toContainText('by Léa');
  await expect(banner).toContainText('A tragedy at the stadium');
  const showDrafts = () => page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const showPublishing = () => page.getByRole('tab', { name: 'Publishing', exact: true }).click();
  await showDrafts();
  await expect(statusOn(editor).getByRole('status')).toHaveText('Held: publishing is stopped');

  // A second screen on the same room sees the freeze too.
  const other = await context.newPage();
  await other.goto(served.loginUrl);
  // It opens on the last room used on this machine.
  await expect(other.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
  await expect(other.getByRole('alert', { name: 'Publishing is stopped' })).toBeVisible();

  // The undo window has run out while frozen: the entry would have left by now, and did not.
  await expect.poll(() => Date.now(), { timeout: 20_000 }).toBeGreaterThan(queuedAt + HOLD_MS + 1_000);
  await expect(statusOn(editor).getByRole('status')).toHaveText('Held: publishing is stopped');
  expect(mastodon.statuses).toHaveLength(0);

  await showPublishing();
  await freeze.getByRole('button', { name: 'Restart publishing…' }).click();
  const waiting = freeze.getByRole('list', { name: 'Waiting to go out' }).getByRole('listitem');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('Kick-off in ten minutes.');
  expect(mastodon.statuses).toHaveLength(0);
  await freeze.getByRole('button', { name: 'Restart publishing and send 1' }).click();
  await expect(banner).toHaveCount(0);
  await expect(other.getByRole('alert', { name: 'Publishing is stopped' })).toHaveCount(0);
  await showDrafts();
  // What waited gets a fresh undo window before it goes.
  await expect(statusOn(editor).getByRole('timer')).toHaveText(/^Queued: leaves in \d+ s$/);
  await expect(statusOn(editor).getByRole('status')).toHaveText(/^Published at/, OUTCOME);
  expect(mastodon.statuses).toHaveLength(1);
});

test('offline then back: the entry waits for the network, then publishes once', async ({ page, served }) => {
  test.setTimeout(120_000);
  const network = await startNetworkSwitch(mastodon.origin);
  try {
    const drafts = await roomWithMastodon(page, served.loginUrl, network.origin, mastodon.token);
    const editor = await approvedDraft(drafts, 'Half-time: 1-0.');
    await network.goOffline();
    await publishToMastodon(editor);
    await expect(statusOn(editor).getByRole('status')).toHaveText(
      /^Waiting for network \(next try at \d{1,2}:\d\d( [AP]M)?\)$/,
      OUTCOME,
    );
    expect(mastodon.statuses).toHaveLength(0);
    await network.comeBack();
    await expect(statusOn(editor).getByRole('status')).toHaveText(/^Published at/, OUTCOME);
    expect(mastodon.statuses).toHaveLength(1);
    expect(mastodon.statuses[0]?.content).toContain('Half-time: 1-0.');
  } finally {
    await network.close();
  }
});

test('a refusal from the server (422) is said in English and in French, and raises an alert', async ({
  page,
  served,
}) => {
  test.setTimeout(90_000);
  const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token);
  const editor = await approvedDraft(drafts, 'Goal!');
  mastodon.scriptNext({
    route: 'POST /api/v1/statuses',
    status: 422,
    body: JSON.stringify({ error: 'Validation failed: Text character limit of 500 exceeded' }),
  });
  await publishToMastodon(editor);
  // The instance's own words stay as it wrote them; what frames them is said in the reader's language.
  const refusal = 'Validation failed: Text character limit of 500 exceeded';
  await expect(statusOn(editor).getByRole('status')).toHaveText(
    `Refused: the server answered 422: “${refusal}”`,
    OUTCOME,
  );
  await expect(editor.getByRole('status', { name: 'Publication status' })).toHaveText('Failed');
  const alert = page.getByRole('alert', { name: 'Publishing alert' });
  await expect(alert).toContainText(/A post to @ana@127\.0\.0\.1:\d+ failed/);
  await expect(alert).toContainText(`The server answered 422: “${refusal}”`);

  await alert.getByRole('button', { name: 'Show the publishing panel' }).click();
  const failed = page.getByRole('region', { name: 'Failed posts' });
  await expect(failed.getByRole('listitem')).toHaveCount(1);
  // A refusal is not retried: sending the same text again would be refused again.
  await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  const echec = page.getByRole('region', { name: 'Publications en échec' });
  await expect(echec.getByRole('listitem').getByRole('status')).toHaveText(
    `Refusé\u00a0: le serveur a répondu 422\u00a0: «\u00a0${refusal}\u00a0»`,
  );
  // The audit trail says the same failure in French too (stored as a code, not as a sentence).
  await page.getByRole('tab', { name: 'Brouillons', exact: true }).click();
  const brouillons = page.getByRole('complementary', { name: 'Brouillons' });
  await brouillons.getByRole('tab', { name: 'Journal' }).click();
  await expect(brouillons.getByRole('list', { name: 'Entrées du journal' })).toContainText(
    /La publication sur @ana@127\.0\.0\.1:\d+ a échoué\s: le serveur a répondu 422\s: «\sValidation failed/,
  );
  expect(mastodon.statuses).toHaveLength(0);
});

test('a manual channel: copy the text, open the compose page, paste the post’s address: published', async ({
  page,
  served,
  context,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token);
  await page.getByRole('tab', { name: 'Publishing', exact: true }).click();
  const form = page.getByRole('form', { name: 'Connect an account' });
  await form.getByRole('combobox', { name: 'Network' }).selectOption('manual');
  await form.getByRole('combobox', { name: 'Where' }).selectOption('x');
  await form.getByRole('textbox', { name: 'Name (optional)' }).fill('X @brand');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('status')).toHaveText('X @brand is connected.');
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();

  const editor = await approvedDraft(drafts, 'Full time. Champions!');
  const dialog = editor.getByRole('form', { name: 'Publish to channels' });
  await dialog.getByRole('checkbox', { name: /X @brand/ }).check();
  await dialog.getByRole('checkbox', { name: /@ana@127\.0\.0\.1/ }).check();
  await dialog.getByRole('button', { name: 'Publish now', exact: true }).click();

  const channel = editor.getByRole('listitem', { name: 'X @brand' });
  const channelStatus = channel.getByRole('status', { name: 'Status on X @brand' });
  await expect(channelStatus).toHaveText('To post by hand', OUTCOME);
  const byHand = channel.getByRole('group', { name: 'Post on X @brand by hand' });
  await byHand.getByRole('button', { name: 'Copy the text' }).click();
  await expect(byHand.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Full time. Champions!');
  await expect(byHand.getByRole('link', { name: 'Open X @brand' })).toHaveAttribute(
    'href',
    'https://x.com/intent/post?text=Full%20time.%20Champions!',
  );
  await expect(statusOn(editor).getByRole('status')).toHaveText(/^Published at/, OUTCOME);
  // One channel out, the other still to post by hand: half a response is out, and it says so.
  await expect(editor.getByRole('status', { name: 'Publication status' })).toHaveText('Partly published');

  await byHand.getByRole('textbox', { name: /Address of the published post/ }).fill('https://x.com/brand/status/1');
  await byHand.getByRole('button', { name: 'Posted' }).click();
  await expect(channelStatus).toHaveText(/^Published at/);
  await expect(channel.getByRole('link', { name: 'Open the post' })).toHaveAttribute(
    'href',
    'https://x.com/brand/status/1',
  );
  await expect(editor.getByRole('status', { name: 'Publication status' })).toHaveText('Published');
});

const preflight = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'resources', 'checklists', 'realtime-preflight.json'), 'utf8'),
) as { items: { kind: string; level: string; text: { en: string } }[] };
const requiredCount = preflight.items.filter((item) => item.level === 'required').length;
const requiredQuestions = preflight.items.filter((item) => item.kind === 'question' && item.level === 'required');

test('reply in place: a response to a Mastodon post goes out as a reply to it, its link on the card', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  // The post we answer, on another instance, read through a hashtag source…
  const elsewhere = await startMastodonServer();
  // Posted just now: a response is fresh for a while after the post it answers, then expires.
  const post = makeStatus('7', { url: 'https://remote.example/@ana/7', created_at: new Date().toISOString() });
  elsewhere.addStatus('final', post, { stream: false });
  // …and known to our own instance under its local id, as search with resolve finds it.
  mastodon.addSearchable('https://remote.example/@ana/7', '10907');
  try {
    const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token, [
      ['Arthur', 'Approver'],
    ]);
    await page.getByRole('tab', { name: 'Sources', exact: true }).click();
    const sources = page.getByRole('complementary', { name: 'Sources' });
    await sources.getByRole('button', { name: 'Add a source' }).click();
    const sourceForm = sources.getByRole('form', { name: 'New source' });
    await sourceForm.getByRole('combobox', { name: 'Kind' }).selectOption('mastodon');
    await sourceForm.getByRole('textbox', { name: 'Name' }).fill('Final tag');
    await sourceForm.getByRole('textbox', { name: 'Mastodon instance' }).fill(elsewhere.origin);
    await sourceForm.getByRole('textbox', { name: 'Hashtag' }).fill('final');
    await sourceForm.getByRole('button', { name: 'Add the source' }).click();

    await page.getByRole('button', { name: 'Add a column' }).click();
    const columnForm = page.getByRole('form', { name: 'New column' });
    await columnForm.getByRole('textbox', { name: 'Column name' }).fill('Tag');
    await columnForm.getByRole('textbox', { name: 'Query' }).fill('final');
    await columnForm.getByRole('button', { name: 'Add the column' }).click();
    const item = page
      .getByRole('region', { name: 'Tag', exact: true })
      .getByRole('feed', { name: 'Items in Tag' })
      .getByRole('article')
      .first();
    await expect(item).toContainText('Post 7 about', OUTCOME);

    await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
    await item.getByRole('button', { name: 'Respond' }).click();
    const editor = drafts.getByRole('article', { name: 'Draft' });
    await editor.getByRole('textbox', { name: 'Draft text' }).fill('Thank you Ana, see you at the stadium!');
    await expect(editor.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
    for (const question of requiredQuestions) {
      await editor.getByRole('combobox', { name: question.text.en }).selectOption('pass');
    }
    // Every answer stored first: submitting before would ask the still-open questions again.
    await expect(editor.getByRole('region', { name: 'Checklist' }).getByRole('heading')).toContainText(
      `${requiredCount}/${requiredCount} required`,
    );
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('In review');
    await pickMe(page, 'Arthur (Approver)');
    await editor.getByRole('button', { name: 'Approve' }).click();
    await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Approved');
    await pickMe(page, 'Léa (Lead)');

    const dialog = editor.getByRole('form', { name: 'Publish to channels' });
    await dialog.getByRole('checkbox', { name: /@ana@127\.0\.0\.1/ }).check();
    await dialog.getByRole('checkbox', { name: 'As a reply to the post this draft answers' }).check();
    await dialog.getByRole('button', { name: 'Publish now', exact: true }).click();
    await expect(statusOn(editor).getByRole('status')).toHaveText(/^Published at/, OUTCOME);
    expect(mastodon.statuses).toHaveLength(1);
    expect(mastodon.statuses[0]).toMatchObject({ in_reply_to_id: '10907' });
    expect(mastodon.statuses[0]?.content).toContain('Thank you Ana, see you at the stadium!');
    await expect(statusOn(editor).getByRole('link', { name: 'Open the post' })).toHaveAttribute(
      'href',
      mastodon.statuses[0]?.url ?? 'missing',
    );
  } finally {
    await elsewhere.close();
  }
});
