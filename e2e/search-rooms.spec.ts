import type { Locator, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMember, addSource, type NewSource } from './fixtures/room-steps';
import { startWireFeed, type WirePost } from './fixtures/wire-feed';
import { expect, test } from './fixtures/serve-mode';
import { test as teamTest } from './fixtures/team-host';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB' });
teamTest.use({ locale: 'en-GB', ignoreHTTPSErrors: true });

const cupPosts: WirePost[] = [
  ['c1', 'Blackout at the stadium, the lights are out', -6],
  ['c2', 'Kick-off in Paris', -5],
];
const galaPosts: WirePost[] = [
  ['g1', 'Blackout on the gala stage', -4],
  ['g2', 'Red carpet arrivals', -3],
];

/**
 * The same posts as a recording to replay: a team host does not fetch feeds inside this
 * machine (a teammate could otherwise make it read the LAN), so its rooms take in replays.
 */
function writeRecording(dir: string, name: string, posts: readonly WirePost[]): string {
  const startsAt = Date.UTC(2026, 6, 19, 19, 0, 0);
  const header = {
    format: 'riposte-recording',
    version: 1,
    title: name,
    startsAt,
    endsAt: startsAt + 60_000,
    timeZone: 'Europe/Paris',
    language: 'en',
  };
  const lines = posts.map(([extId, text], index) => ({
    extId,
    publishedAt: startsAt + index * 1000,
    source: { kind: 'mastodon', label: 'social.example.org #Live' },
    url: null,
    authorHandle: '@fan@social.example.org',
    authorName: null,
    language: 'en',
    text,
    html: null,
    engagement: {},
    mediaUrls: [],
  }));
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, `${[header, ...lines].map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

/** From the rooms list: a new room, named, opened, its source added and its two posts taken in. */
async function createRoomWithPosts(page: Page, name: string, source: NewSource): Promise<void> {
  await page.getByRole('textbox', { name: 'Room name' }).fill(name);
  await page.getByRole('button', { name: 'Create the war room' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const sources = await addSource(page, source);
  await expect(sources.getByRole('listitem', { name: source.name })).toContainText('2 items');
}

/** The Drafts panel's Team tab: a lead added and picked in this window. Returns the panel. */
async function actAsLead(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Drafts' });
  await panel.getByRole('tab', { name: 'Team' }).click();
  await addMember(panel, name, 'Lead');
  await pickMe(page, `${name} (Lead)`);
  return panel;
}

async function writeDraft(panel: Locator, body: string): Promise<void> {
  await panel.getByRole('tab', { name: 'Queue' }).click();
  await panel.getByRole('button', { name: 'New draft' }).click();
  const editor = panel.getByRole('article', { name: 'Draft' });
  await editor.getByRole('textbox', { name: 'Draft text' }).fill(body);
  await expect(editor.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
}

async function noteMoment(page: Page, note: string): Promise<void> {
  await page.locator('body').click();
  await page.keyboard.press('m');
  const field = page.getByRole('textbox', { name: 'What happened?' });
  await expect(field).toBeFocused();
  await field.fill(note);
  await field.press('Enter');
  await expect(page.getByRole('list', { name: 'Moments of this room' })).toContainText(`Noted: ${note}`);
}

async function searchAllRooms(page: Page, query: string): Promise<Locator> {
  const form = page.getByRole('search', { name: 'Search all rooms' });
  await form.getByRole('searchbox', { name: 'Search all rooms' }).fill(query);
  await form.getByRole('button', { name: 'Search' }).click();
  return page.getByRole('region', { name: 'Search all rooms' });
}

const hitsIn = (results: Locator, group: 'Posts' | 'Drafts' | 'Moments') =>
  results.getByRole('region', { name: group }).getByRole('listitem');

test('search every room from the rooms list: posts, drafts and moments, each with its room, and a hit opens its room on the words', async ({
  page,
  served,
}) => {
  const cupWire = await startWireFeed();
  const galaWire = await startWireFeed();
  cupWire.post(...cupPosts);
  galaWire.post(...galaPosts);
  try {
    await page.goto(served.loginUrl);
    await createRoomWithPosts(page, 'Cup final', { kind: 'feed', name: 'Wire', address: cupWire.feedUrl });
    const drafts = await actAsLead(page, 'Léa');
    await writeDraft(drafts, 'Even in a blackout, you can still dunk.');

    await page.getByRole('link', { name: 'All war rooms' }).click();
    await createRoomWithPosts(page, 'Gala night', { kind: 'feed', name: 'Wire', address: galaWire.feedUrl });
    await noteMoment(page, 'Blackout backstage, the show goes on');
    await page.getByRole('link', { name: 'All war rooms' }).click();

    const results = await searchAllRooms(page, 'blackout');
    await expect(results.getByRole('status')).toHaveText('4 hits in 2 rooms');
    const posts = hitsIn(results, 'Posts');
    await expect(posts).toHaveCount(2);
    // Newest first, each naming its room, the words marked.
    await expect(posts.nth(0)).toContainText('Gala night');
    await expect(posts.nth(0)).toContainText('Blackout on the gala stage');
    await expect(posts.nth(1)).toContainText('Cup final');
    await expect(posts.nth(1)).toContainText('Blackout at the stadium');
    await expect(posts.nth(1).locator('mark')).toHaveText(['Blackout']);
    await expect(hitsIn(results, 'Drafts')).toHaveCount(1);
    await expect(hitsIn(results, 'Drafts')).toContainText('Cup final');
    await expect(hitsIn(results, 'Drafts')).toContainText('Even in a blackout, you can still dunk.');
    await expect(hitsIn(results, 'Moments')).toHaveCount(1);
    await expect(hitsIn(results, 'Moments')).toContainText('Gala night');
    await expect(hitsIn(results, 'Moments')).toContainText('Blackout backstage');

    // The columns' query language, for drafts and moments too: OR widens, a minus leaves out.
    await searchAllRooms(page, 'blackout -gala -backstage');
    await expect(results.getByRole('status')).toHaveText('2 hits in 2 rooms');
    await expect(posts).toHaveCount(1);
    await expect(posts).toContainText('Cup final');
    await expect(hitsIn(results, 'Moments')).toHaveCount(0);
    await expect(results.getByRole('region', { name: 'Moments' })).toContainText('Nothing found.');
    await searchAllRooms(page, 'dunk OR carpet');
    await expect(results.getByRole('status')).toHaveText('2 hits in 2 rooms');
    await expect(posts).toHaveText([/Gala night.*Red carpet arrivals/]);
    await expect(hitsIn(results, 'Drafts')).toContainText('you can still dunk');

    // A post hit opens its room with the words in the room's search column.
    await searchAllRooms(page, 'blackout');
    await posts.nth(1).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
    const column = page.getByRole('region', { name: 'Search: blackout' });
    await expect(column.getByRole('article')).toHaveCount(1);
    await expect(column.getByRole('article')).toContainText('Blackout at the stadium');
    await expect(page.getByRole('searchbox', { name: 'Search the room' })).toHaveValue('blackout');

    // A moment hit: its room, with the Moments panel forward.
    await page.getByRole('link', { name: 'All war rooms' }).click();
    await searchAllRooms(page, 'blackout');
    await hitsIn(results, 'Moments').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gala night' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Moments', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('list', { name: 'Moments of this room' })).toContainText('Blackout backstage');
    await expect(page.getByRole('region', { name: 'Search: blackout' }).getByRole('article')).toContainText(
      'Blackout on the gala stage',
    );

    // A draft hit: its room, with the Drafts panel forward and the draft in its queue.
    await page.getByRole('link', { name: 'All war rooms' }).click();
    await searchAllRooms(page, 'blackout');
    await hitsIn(results, 'Drafts').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Drafts', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('complementary', { name: 'Drafts' })).toContainText('Even in a blackout');

    // Opened once on a hit, the room is itself again after a reload: no search, its own panel.
    await page
      .getByRole('region', { name: 'Search: blackout' })
      .getByRole('button', { name: 'Close the search' })
      .click();
    await page.getByRole('tab', { name: 'Sources', exact: true }).click();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Sources', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Search: blackout' })).toHaveCount(0);
  } finally {
    await cupWire.close();
    await galaWire.close();
  }
});

teamTest(
  'a teammate searching from the rooms list finds only the room they were invited to',
  async ({ page, browser, team }) => {
    const dir = mkdtempSync(join(tmpdir(), 'riposte-search-'));
    const replay = (recording: string): NewSource => ({ kind: 'replay', name: 'Replay', recording, speed: '60' });
    try {
      // The host machine: two rooms, each with posts and a draft about the blackout.
      await page.goto(team.loginUrl);
      await createRoomWithPosts(page, 'Gala night', replay(writeRecording(dir, 'gala', galaPosts)));
      await writeDraft(await actAsLead(page, 'Gus'), 'Gala blackout: the show goes on.');
      await page.getByRole('link', { name: 'All war rooms' }).click();
      await createRoomWithPosts(page, 'Cup final', replay(writeRecording(dir, 'cup', cupPosts)));
      const panel = await actAsLead(page, 'Léa');
      await writeDraft(panel, 'Even in a blackout, you can still dunk.');
      await page.getByRole('link', { name: 'All war rooms' }).click();
      const hostResults = await searchAllRooms(page, 'blackout');
      await expect(hostResults.getByRole('status')).toHaveText('4 hits in 2 rooms');

      // Walid is invited to the cup final only, and joins from his own browser.
      await page.getByRole('link', { name: 'Open Cup final' }).click();
      await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
      await panel.getByRole('tab', { name: 'Team' }).click();
      const form = panel.getByRole('form', { name: 'Invite someone' });
      await form.getByRole('textbox', { name: 'Name' }).fill('Walid');
      await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Writer' });
      await form.getByRole('button', { name: 'Create invite' }).click();
      const link = (await panel.getByRole('group', { name: 'Walid' }).getByLabel('Link').textContent()) ?? '';
      const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-GB' });
      const walid = await context.newPage();
      await walid.goto(link);
      await walid.getByRole('textbox', { name: 'Device name' }).fill('Walid’s laptop');
      await walid.getByRole('button', { name: 'Join' }).click();
      await expect(walid.getByRole('heading', { level: 1, name: 'Cup final' })).toBeVisible();

      await walid.getByRole('link', { name: 'All war rooms' }).click();
      const results = await searchAllRooms(walid, 'blackout');
      await expect(results.getByRole('status')).toHaveText('2 hits in 1 room');
      await expect(hitsIn(results, 'Posts')).toHaveCount(1);
      await expect(hitsIn(results, 'Posts')).toContainText('Cup final');
      await expect(hitsIn(results, 'Drafts')).toHaveCount(1);
      await expect(hitsIn(results, 'Drafts')).toContainText('Even in a blackout');
      await expect(results).not.toContainText('Gala');
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
