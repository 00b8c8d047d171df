import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/serve-mode';
import { addSource, openNewRoom, openRoomWithTeam } from './fixtures/room-steps';
import { startWireFeed } from './fixtures/wire-feed';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB' });

const startsAt = Date.UTC(2026, 6, 19, 19, 0, 0);
const minute = 60_000;
const words = ['corner', 'tribune', 'passe', 'gardien', 'chant', 'attaque', 'milieu', 'ballon'];

/** 14 quiet minutes of chatter, then a blackout: 150 posts a minute for 3 minutes. */
function writeRecording(dir: string): string {
  const lines = [
    JSON.stringify({
      format: 'riposte-recording',
      version: 1,
      title: 'Spike rehearsal',
      startsAt,
      endsAt: startsAt + 18 * minute,
      timeZone: 'Europe/Paris',
      language: 'fr',
    }),
  ];
  for (let m = 0; m < 17; m += 1) {
    const count = m >= 14 ? 150 : 20 + (m % 3);
    for (let k = 0; k < count; k += 1) {
      const text =
        m >= 14
          ? `Coupure générale, #Blackout au stade ${k}`
          : `${words[(m + k) % words.length]} ${words[(m * 3 + k) % words.length]}`;
      lines.push(
        JSON.stringify({
          extId: `${m}-${k}`,
          publishedAt: startsAt + m * minute + Math.floor((k * minute) / count),
          source: { kind: 'mastodon', label: 'social.example.org #Final' },
          url: null,
          authorHandle: `@fan${k}@social.example.org`,
          authorName: null,
          language: 'fr',
          text,
          html: null,
          engagement: {},
          mediaUrls: [],
        }),
      );
    }
  }
  const path = join(dir, 'spike.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('a replay with a spike raises one alert banner with sample posts, and a draft starts from it', async ({
  page,
  served,
}) => {
  // 14 quiet minutes at 60× are 14 s of replay before the spike can even start.
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'riposte-recording-'));
  try {
    const recording = writeRecording(dir);
    const drafts = await openRoomWithTeam(page, served.loginUrl, [['Wendy', 'Writer']]);
    await addSource(page, { kind: 'replay', name: 'Rehearsal', recording, speed: '60' });

    const alert = page.getByRole('alert', { name: 'Moment alert' });
    await expect(alert).toContainText('Spike', { timeout: 60_000 });
    await expect(alert.getByRole('list', { name: 'Sample posts' })).toContainText('#Blackout');

    // Nobody picked in this window: no draft in someone else's name; the prompt asks who is
    // writing, and the draft starts as the person picked, the cursor in its text.
    await alert.getByRole('button', { name: 'Draft from this moment' }).click();
    const prompt = page.getByRole('dialog', { name: 'Who are you in this room?' });
    await prompt.getByRole('button', { name: '1. Wendy (Writer)' }).click();
    await expect(page.getByRole('status', { name: 'Acting as' })).toHaveText('You are Wendy (Writer)');
    const editor = drafts.getByRole('article', { name: 'Draft' });
    await expect(editor.getByRole('textbox', { name: 'Draft text' })).toBeFocused();
    await expect(editor.getByLabel('What prompted it')).toHaveText('Responds to a moment');
    await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Draft');

    await page.getByRole('tab', { name: 'Moments', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Moments of this room' })).toContainText('Spike');
    await alert.getByRole('button', { name: 'Close the alert' }).click();
    await expect(alert).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('m logs a manual moment, shown in the list and as an alert', async ({ page, served }) => {
  await openNewRoom(page, served.loginUrl);
  await page.locator('body').click();
  await page.keyboard.press('m');
  const note = page.getByRole('textbox', { name: 'What happened?' });
  await expect(note).toBeFocused();
  await note.fill('Blackout in the stadium');
  await note.press('Enter');
  await expect(page.getByRole('list', { name: 'Moments of this room' })).toContainText(
    'Noted: Blackout in the stadium',
  );
  await expect(page.getByRole('alert', { name: 'Moment alert' })).toContainText('Blackout in the stadium');
  await expect(note).toHaveCount(0);
});

test('a cue that comes due offers the pre-approved text tied to it; one click makes it an approved draft', async ({
  page,
  served,
}) => {
  const drafts = await openRoomWithTeam(page, served.loginUrl, [['Léa', 'Lead']]);
  await pickMe(page, 'Léa (Lead)');

  // A cue set to the current minute is already due: the runner logs it within a second.
  await page.getByRole('tab', { name: 'Moments', exact: true }).click();
  const cueForm = page.getByRole('form', { name: 'New cue' });
  await cueForm.getByRole('textbox', { name: 'Cue', exact: true }).fill('Final whistle');
  const thisMinute = await page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  });
  await cueForm.getByLabel('Cue time').fill(thisMinute);
  await cueForm.getByRole('button', { name: 'Add cue' }).click();
  const alert = page.getByRole('alert', { name: 'Moment alert' });
  await expect(alert).toContainText('Cue: Final whistle');
  await expect(alert.getByRole('group', { name: 'Pre-approved texts for this cue' })).toHaveCount(0);

  // Tied to the cue while the banner shows, the text joins it.
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  await drafts.getByRole('tab', { name: 'Bank' }).click();
  const form = drafts.getByRole('form', { name: 'Pre-approve a text' });
  await form.getByRole('textbox', { name: 'Title' }).fill('If we win');
  await form.getByRole('textbox', { name: 'Text' }).fill('Champions! Thank you to every fan.');
  const cuePicker = form.getByRole('combobox', { name: 'Offer when this cue comes due' });
  const whistle = await cuePicker.locator('option', { hasText: 'Final whistle' }).textContent();
  await cuePicker.selectOption({ label: whistle ?? '' });
  await form.getByRole('button', { name: 'Add to the bank' }).click();
  await expect(form.getByRole('status')).toHaveText('Added to the bank.');

  const offers = alert.getByRole('group', { name: 'Pre-approved texts for this cue' });
  await offers.getByRole('button', { name: 'Use “If we win”' }).click();
  await expect(alert.getByRole('status')).toHaveText('“If we win” is an approved draft, ready to publish.');
  const editor = drafts.getByRole('article', { name: 'Draft' });
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Approved');
  await expect(editor.getByRole('textbox', { name: 'Draft text' })).toHaveValue('Champions! Thank you to every fan.');
});

test('a watch rule on a column alerts from its first matching post, long before any spike', async ({
  page,
  served,
}) => {
  const wire = await startWireFeed();
  wire.post(['1', 'Red carpet arrivals', -6], ['2', 'The host is on fire tonight', -4]);
  try {
    await openNewRoom(page, served.loginUrl);
    await page.getByRole('button', { name: 'Add a column' }).click();
    const form = page.getByRole('form', { name: 'New column' });
    await form.getByRole('textbox', { name: 'Column name' }).fill('Risks');
    await form.getByRole('textbox', { name: 'Query' }).fill('leak OR boycott');
    await form.getByRole('checkbox', { name: /Alert on matches/ }).check();
    // The rule a new watch starts with: the first post within ten minutes.
    await expect(form.getByRole('spinbutton', { name: 'Alert from (posts)' })).toHaveValue('1');
    await expect(form.getByRole('spinbutton', { name: 'Within (minutes)' })).toHaveValue('10');
    await form.getByRole('button', { name: 'Add the column' }).click();
    const column = page.getByRole('region', { name: 'Risks', exact: true });
    await expect(column.getByText('Watch', { exact: true })).toHaveAttribute(
      'title',
      'Alerts from 1 matching post within 10 min',
    );

    const sources = await addSource(page, { kind: 'feed', name: 'Wire', address: wire.feedUrl });
    await expect(sources.getByRole('listitem', { name: 'Wire' })).toContainText('2 items');
    const alert = page.getByRole('alert', { name: 'Moment alert' });
    await expect(alert).toHaveCount(0);

    // One small account hints at a leak: far too little for a spike, enough for the watch.
    wire.post(['3', 'Is that the winners list? Looks like a leak', -1]);
    await sources.getByRole('button', { name: 'Check Wire now' }).click();
    await expect(alert).toContainText('Watch “Risks”: 1 matching post');
    await expect(alert.getByRole('list', { name: 'Sample posts' })).toContainText('Looks like a leak');

    await expect(column.getByRole('article')).toHaveCount(1);
    const moments = page.getByRole('list', { name: 'Moments of this room' });
    await page.getByRole('tab', { name: 'Moments', exact: true }).click();
    await expect(moments).toContainText('Watch “Risks”: 1 matching post');

    // Dismissed (which also quiets the column's rule for a while), it leaves the banner and the list.
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
    await expect(moments).not.toContainText('Watch “Risks”');
  } finally {
    await wire.close();
  }
});
