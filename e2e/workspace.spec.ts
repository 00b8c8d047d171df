import type { Locator, Page } from '@playwright/test';
import { addMember, addSource, openNewRoom } from './fixtures/room-steps';
import { startWireFeed } from './fixtures/wire-feed';
import { expect, test } from './fixtures/serve-mode';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB' });

/** A new room with one feed source named Wire; the Sources panel is left open. */
async function openRoomWithWire(page: Page, loginUrl: string, feedUrl: string): Promise<Locator> {
  await openNewRoom(page, loginUrl);
  return addSource(page, { kind: 'feed', name: 'Wire', address: feedUrl });
}

async function openRoomWithReplay(page: Page, loginUrl: string) {
  await openNewRoom(page, loginUrl);
  const sources = await addSource(page, { kind: 'replay', name: 'Replay', recording: 'demo-final', speed: '60' });
  return sources.getByRole('listitem', { name: 'Replay' });
}

async function addColumn(page: Page, name: string, query: string) {
  await page.getByRole('button', { name: 'Add a column' }).click();
  const form = page.getByRole('form', { name: 'New column' });
  await form.getByRole('textbox', { name: 'Column name' }).fill(name);
  await form.getByRole('textbox', { name: 'Query' }).fill(query);
  await form.getByRole('button', { name: 'Add the column' }).click();
  await expect(form).toBeHidden();
  return page.getByRole('region', { name, exact: true });
}

const takenIn = async (source: Locator) => Number(/(\d+) items?/.exec((await source.textContent()) ?? '')?.[1] ?? 0);

test('a column with a query fills live from a replay, holds still when scrolled, pauses and resumes', async ({
  page,
  served,
}) => {
  const replay = await openRoomWithReplay(page, served.loginUrl);
  const column = await addColumn(page, 'Lions', 'Aurelia OR Lions');
  const feed = column.getByRole('feed', { name: 'Items in Lions' });
  // Whole cards: the replay's first seconds then overflow the column (compact ones fit twice as many).
  await page.getByRole('button', { name: 'Comfortable cards' }).click();

  // Live items arrive, with the matched words highlighted.
  await expect(feed.getByRole('article').first()).toBeVisible();
  await expect(feed.locator('mark').first()).toHaveText(/aurelia|lions/i);
  // Enough items to scroll (the list is virtualized: only what is on screen is in the page).
  await expect
    .poll(() => feed.evaluate((element) => element.scrollHeight - element.clientHeight), { timeout: 15_000 })
    .toBeGreaterThan(600);

  // Scrolled away from the top: new items wait behind a pill instead of moving the list.
  await feed.evaluate((element) => element.scrollTo({ top: 300 }));
  const pill = column.getByRole('button', { name: /new items? in Lions/ });
  await expect(pill).toBeVisible({ timeout: 15_000 });
  await expect(pill).toHaveText(/^\d+ new$/);
  await pill.click();
  await expect(pill).toBeHidden();
  await expect.poll(() => feed.evaluate((element) => element.scrollTop)).toBe(0);

  // Paused: the replay goes on, the column does not move.
  await column.getByRole('button', { name: 'Pause Lions' }).click();
  await expect(column.getByRole('button', { name: 'Resume Lions' })).toBeVisible();
  const topWhenPaused = await feed.getByRole('article').first().getAttribute('data-item-id');
  const before = await takenIn(replay);
  await expect.poll(() => takenIn(replay), { timeout: 15_000 }).toBeGreaterThan(before + 40);
  await expect(feed.getByRole('article').first()).toHaveAttribute('data-item-id', topWhenPaused ?? '');
  await expect(pill).toBeHidden();

  // Resumed: it catches up.
  await column.getByRole('button', { name: 'Resume Lions' }).click();
  await expect(feed.getByRole('article').first()).not.toHaveAttribute('data-item-id', topWhenPaused ?? '', {
    timeout: 15_000,
  });
});

test('search the room from the keyboard, star an item, and see every shortcut', async ({ page, served }) => {
  await openRoomWithReplay(page, served.loginUrl);
  await addColumn(page, 'Everything', '');
  await expect(page.getByRole('feed', { name: 'Items in Everything' }).getByRole('article').first()).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Search the room');
  await expect(help).toContainText('Undo the last action the room saw');
  await expect(help).toContainText('On a review request: approve');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search the room' })).toBeFocused();
  await page.keyboard.type('arbitre OR referee');
  await page.keyboard.press('Enter');
  const results = page.getByRole('region', { name: 'Search: arbitre OR referee' });
  const found = results.getByRole('feed').getByRole('article');
  await expect(found.first()).toBeVisible({ timeout: 15_000 });
  await expect(found.first().locator('mark').first()).toHaveText(/arbitre|referee/i);

  // j selects the first item of the active (search) column, s stars it.
  await page.getByRole('searchbox', { name: 'Search the room' }).blur();
  await page.keyboard.press('j');
  const selected = results.locator('article[aria-current="true"]');
  await expect(selected).toHaveCount(1);
  await page.keyboard.press('s');
  await expect(selected.getByRole('button', { name: 'Remove the star' })).toBeVisible();

  // r responds to it: the Drafts panel comes forward (and asks who is writing first).
  await page.keyboard.press('r');
  await expect(page.getByRole('tab', { name: 'Drafts', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('complementary', { name: 'Drafts' })).toContainText(
    "Pick who you are first (press i, or Switch person in the room's header).",
  );

  await results.getByRole('button', { name: 'Close the search' }).click();
  await expect(results).toBeHidden();

  // The volume chart: hover reads a minute out, a drag zooms, a button undoes it.
  const volume = page.getByRole('region', { name: 'Volume per minute' });
  const chart = volume.getByRole('img', { name: /Items per minute/ });
  const box = await chart.boundingBox();
  if (!box) throw new Error('the volume chart has no box');
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  await expect(volume.getByRole('status')).toHaveText(/\d{2}:\d{2}( [AP]M)?: \d+ items?/);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await volume.getByRole('button', { name: 'Reset the zoom' }).click();
  await expect(volume.getByRole('button', { name: 'Reset the zoom' })).toBeHidden();
});

test('a query that does not parse gets a clear message, and nothing is saved', async ({ page, served }) => {
  await openRoomWithReplay(page, served.loginUrl);
  await page.getByRole('button', { name: 'Add a column' }).click();
  const form = page.getByRole('form', { name: 'New column' });
  await form.getByRole('textbox', { name: 'Column name' }).fill('Broken');
  await form.getByRole('textbox', { name: 'Query' }).fill('"coup franc');
  await form.getByRole('button', { name: 'Add the column' }).click();
  await expect(form.getByRole('alert')).toContainText('closing quote');
  await expect(page.getByRole('region', { name: 'Broken', exact: true })).toHaveCount(0);
});

test('the layout: keyboard splitters, wall screen, all kept after a reload', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await page.getByRole('textbox', { name: 'Room name' }).fill('Layout night');
  await page.getByRole('button', { name: 'Create the war room' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Layout night' })).toBeVisible();
  await addColumn(page, 'First', '');
  await addColumn(page, 'Second', 'goal');
  const feeds = page.getByRole('feed');
  await expect(feeds.nth(0)).toHaveAccessibleName('Items in First');

  // Splitters answer to the arrow keys and say where they are.
  const volumeSplitter = page.getByRole('separator', { name: 'Height of the volume panel' });
  await volumeSplitter.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '182');
  const widthSplitter = page.getByRole('separator', { name: 'Width of First' });
  await widthSplitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widthSplitter).toHaveAttribute('aria-valuenow', '256');

  // Wall screen: no controls, large type, one way out.
  await page.getByRole('button', { name: 'Wall screen' }).click();
  await expect(page.getByRole('button', { name: 'Leave the wall screen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a column' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Pause First' })).toHaveCount(0);
  await expect(page.getByRole('separator')).toHaveCount(0);

  // This person's layout comes back with the room; the order is the room's.
  await page.reload();
  const leave = page.getByRole('button', { name: 'Leave the wall screen' });
  await expect(leave).toBeVisible();
  await expect(feeds.nth(0)).toHaveAccessibleName('Items in First');
  await page.keyboard.press('w');
  await expect(leave).toBeHidden();
  await expect(page.getByRole('separator', { name: 'Height of the volume panel' })).toHaveAttribute(
    'aria-valuenow',
    '182',
  );
  await expect(page.getByRole('separator', { name: 'Width of First' })).toHaveAttribute('aria-valuenow', '256');
});

test('columns reorder by dragging a header, and the order is the room’s after a reload', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await page.getByRole('textbox', { name: 'Room name' }).fill('Drag night');
  await page.getByRole('button', { name: 'Create the war room' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Drag night' })).toBeVisible();
  await addColumn(page, 'First', '');
  await addColumn(page, 'Second', 'goal');
  await addColumn(page, 'Third', 'penalty');
  const feeds = page.getByRole('feed');
  await expect(feeds).toHaveCount(3);

  const heading = (name: string) => page.getByRole('heading', { level: 2, name, exact: true });
  await heading('First').dragTo(heading('Third'));
  await expect(feeds.nth(0)).toHaveAccessibleName('Items in Second');
  await expect(feeds.nth(1)).toHaveAccessibleName('Items in Third');
  await expect(feeds.nth(2)).toHaveAccessibleName('Items in First');
  // Dropped anywhere on a column, not only on its header.
  const region = (name: string) => page.getByRole('region', { name, exact: true });
  await heading('First').dragTo(region('Second'));
  await expect(feeds.nth(0)).toHaveAccessibleName('Items in First');
  await expect(feeds.nth(1)).toHaveAccessibleName('Items in Second');

  await page.reload();
  await expect(feeds.nth(0)).toHaveAccessibleName('Items in First');
  await expect(feeds.nth(1)).toHaveAccessibleName('Items in Second');
  await expect(feeds.nth(2)).toHaveAccessibleName('Items in Third');
});

test('click a minute on the volume chart: the columns show that minute only, a chip takes it back', async ({
  page,
  served,
}) => {
  // A wire whose posts fall in distinct minutes (one dated ahead, so "now" is on the chart).
  const wire = await startWireFeed();
  // The blackout photo's address answers 404, as a dead link or a lost connection would.
  wire.post(
    ['1', 'Kick-off in Lyon', -20],
    ['2', 'Blackout in the stadium', -15, wire.url('/photos/blackout.png')],
    ['3', 'Penalty for Lyon', -10],
    ['4', 'Half-time: 1-0', -5],
    ['5', 'Second half starts', 10],
  );
  try {
    await openRoomWithWire(page, served.loginUrl, wire.feedUrl);
    const everything = await addColumn(page, 'Everything', '');
    const articles = everything.getByRole('feed').getByRole('article');
    await expect(articles).toHaveCount(5);
    // A photo that can't be loaded leaves a quiet, named box, not a broken image.
    const missing = articles.filter({ hasText: 'Blackout in the stadium' }).getByRole('img', {
      name: /^Media 1 of .+ \(could not be loaded\)$/,
    });
    await expect(missing).toHaveText('Image unavailable');

    // Each column has its own line, named in the legend.
    const volume = page.getByRole('region', { name: 'Volume per minute' });
    await expect(volume.getByRole('list', { name: 'Series' })).toContainText('Everything');
    const bars = volume.locator('rect.volume-bar');
    await expect(bars).toHaveCount(5);

    // Click the second bar (the blackout's minute): only its post is left.
    const bar = await bars.nth(1).boundingBox();
    const chart = await volume.getByRole('img', { name: /Items per minute/ }).boundingBox();
    if (!bar || !chart) throw new Error('the volume chart has no box');
    await page.mouse.click(bar.x + bar.width / 2, chart.y + chart.height / 2);
    const chip = page.getByRole('status').filter({ hasText: /^Showing \d{2}:\d{2}( [AP]M)?–\d{2}:\d{2}( [AP]M)?/ });
    await expect(chip).toBeVisible();
    await expect(articles).toHaveCount(1);
    await expect(articles.first()).toContainText('Blackout in the stadium');

    await chip.getByRole('button', { name: 'Show every minute' }).click();
    await expect(chip).toBeHidden();
    await expect(articles).toHaveCount(5);

    // A moment logged now is marked on the time axis; its marker narrows to its minute.
    await page.locator('body').click();
    await page.keyboard.press('m');
    const note = page.getByRole('textbox', { name: 'What happened?' });
    await note.fill('Streaker on the pitch');
    await note.press('Enter');
    const marker = volume.getByRole('button', { name: /^Moment at \d{2}:\d{2}( [AP]M)?: .*Streaker on the pitch/ });
    await expect(marker).toBeVisible();
    await marker.click();
    await expect(chip).toBeVisible();
    await expect(articles).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(chip).toBeHidden();
    await expect(articles).toHaveCount(5);
  } finally {
    await wire.close();
  }
});

test('the volume chart counts items that arrive late in the minute they were published, as a reload does', async ({
  page,
  served,
}) => {
  const wire = await startWireFeed();
  wire.post(['1', 'Kick-off in Lyon', -20], ['2', 'Blackout in the stadium', -15], ['3', 'Penalty for Lyon', -10]);
  try {
    const sources = await openRoomWithWire(page, served.loginUrl, wire.feedUrl);
    const volume = page.getByRole('region', { name: 'Volume per minute' });
    const bars = volume.locator('rect.volume-bar');
    await expect(bars).toHaveCount(3);
    const readoutOfBar = async (index: number) => {
      const bar = await bars.nth(index).boundingBox();
      const chart = await volume.getByRole('img', { name: /Items per minute/ }).boundingBox();
      if (!bar || !chart) throw new Error('the volume chart has no box');
      await page.mouse.move(bar.x + bar.width / 2, chart.y + chart.height / 2);
      return volume.getByRole('status');
    };
    await expect(await readoutOfBar(1)).toHaveText(/: 1 item$/);

    // A slow outlet's post about the blackout arrives now, dated in the blackout's minute; a new one follows.
    wire.post(['4', 'Still dark in the stadium', -15], ['5', 'Half-time', -5]);
    await sources.getByRole('button', { name: 'Check Wire now' }).click();
    await expect(bars).toHaveCount(4);
    await expect(await readoutOfBar(1)).toHaveText(/: 2 items$/);

    // Counted afresh, the chart is the same.
    await page.reload();
    await expect(bars).toHaveCount(4);
    await expect(await readoutOfBar(1)).toHaveText(/: 2 items$/);
    await expect(await readoutOfBar(3)).toHaveText(/: 1 item$/);
  } finally {
    await wire.close();
  }
});

test('each person keeps their own layout of the room, from the store, whatever browser they use', async ({
  page,
  served,
}) => {
  await openNewRoom(page, served.loginUrl);
  await addColumn(page, 'First', '');
  const drafts = page.getByRole('complementary', { name: 'Drafts' });
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  await drafts.getByRole('tab', { name: 'Team' }).click();
  await addMember(drafts, 'Léa', 'Lead');
  await addMember(drafts, 'Walid', 'Writer');
  const volumeSplitter = page.getByRole('separator', { name: 'Height of the volume panel' });

  await pickMe(page, 'Léa (Lead)');
  await volumeSplitter.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '182');

  // Walid has not arranged this room: he sees the defaults, and Léa gets hers back.
  await pickMe(page, 'Walid (Writer)');
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '150');
  await pickMe(page, 'Léa (Lead)');
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '182');

  // A browser that has never seen this room: nobody picked, defaults; Léa picks herself, her layout returns.
  // Who am I is kept per window (session storage); the layouts' cache is the browser's.
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '150');
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  await pickMe(page, 'Léa (Lead)');
  await expect(volumeSplitter).toHaveAttribute('aria-valuenow', '182');
});

test('x hides a post as noise for the room; the toast and Ctrl+Z bring it back', async ({ page, served }) => {
  const wire = await startWireFeed();
  wire.post(['1', 'Kick-off in Lyon', -20], ['2', 'Blackout in the stadium', -15]);
  try {
    await openRoomWithWire(page, served.loginUrl, wire.feedUrl);
    const everything = await addColumn(page, 'Everything', '');
    const articles = everything.getByRole('feed').getByRole('article');
    await expect(articles).toHaveCount(2, { timeout: 15_000 });

    await page.locator('body').click();
    await page.keyboard.press('j');
    await expect(everything.locator('article[aria-current="true"]')).toContainText('Blackout in the stadium');
    await page.keyboard.press('x');
    await expect(articles).toHaveCount(1);
    const toast = page.getByRole('status', { name: 'Last action' });
    await expect(toast).toContainText('Post hidden as noise');
    await page.keyboard.press('Control+z');
    await expect(toast).toContainText('Undone');
    await expect(articles).toHaveCount(2);
    await expect(articles.filter({ hasText: 'Blackout in the stadium' })).toHaveCount(1);
  } finally {
    await wire.close();
  }
});
