import { densityLimits, densityViewport, waitForFullColumn } from '../scripts/bench/ux/density';
import { expect, test } from './fixtures/serve-mode';

// The demo war room, as a first start opens it: five columns fed by the replayed final.
test.use({ locale: 'en-GB', demo: true, viewport: densityViewport });

test('at 1440×900 beside the side panel: four whole columns of eight posts, names in full, actions on hover and keys', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  await page.goto(served.loginUrl);
  await expect(page.getByRole('tablist', { name: 'Side panels' })).toBeVisible();
  const reading = await waitForFullColumn(page);
  expect(reading.postsInFullColumns.length).toBeGreaterThan(0);
  expect(Math.min(...reading.postsInFullColumns)).toBeGreaterThanOrEqual(densityLimits.postsPerColumn);
  expect(reading.columnsVisible).toBeGreaterThanOrEqual(densityLimits.columnsVisible);
  expect(reading.cutAuthors).toEqual([]);

  const feed = page.getByRole('feed', { name: 'Items in Tout le direct' });
  const column = page.getByRole('region', { name: 'Tout le direct' });
  // Held still, so the cards under test stay where they are.
  await column.getByRole('button', { name: 'Pause Tout le direct' }).click();
  const first = feed.getByRole('article').first();
  const actions = first.getByRole('group', { name: 'Actions on this item' });
  await expect(actions).toHaveCSS('opacity', '0');
  await first.hover();
  await expect(actions).toHaveCSS('opacity', '1');
  await expect(actions.getByRole('button', { name: 'Hide as noise' })).toHaveAttribute('aria-keyshortcuts', 'x');

  // Keys act on the selected card: j selects the first, s stars it, x hides it as noise.
  await page.mouse.move(0, 0);
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('j');
  const selected = feed.locator('article[aria-current="true"]');
  const id = await selected.getAttribute('data-item-id');
  expect(id).toBeTruthy();
  await expect(selected.getByRole('group', { name: 'Actions on this item' })).toHaveCSS('opacity', '1');
  await page.keyboard.press('s');
  await expect(selected.getByRole('button', { name: 'Remove the star' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('x');
  await expect(feed.locator(`article[data-item-id="${id}"]`)).toHaveCount(0);
});

test('compact or comfortable is each person’s choice and comes back with the room', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  const toggle = page.getByRole('button', { name: 'Comfortable cards' });
  const width = page.getByRole('separator', { name: 'Width of Tout le direct' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(width).toHaveAttribute('aria-valuenow', '240');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(width).toHaveAttribute('aria-valuenow', '360');
  // Whole posts: the counts and the link to the original show on every card.
  const first = page.getByRole('feed', { name: 'Items in Tout le direct' }).getByRole('article').first();
  await expect(first.getByRole('link', { name: 'Open the original' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Comfortable cards' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('separator', { name: 'Width of Tout le direct' })).toHaveAttribute(
    'aria-valuenow',
    '360',
  );
});

test.describe('on a 1920×1080 wall screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('posts read from 3 m (24 px text), with the event clock and the moment banner in view', async ({
    page,
    served,
  }) => {
    await page.goto(served.loginUrl);
    const feed = page.getByRole('feed', { name: 'Items in Tout le direct' });
    await expect(feed.getByRole('article').first()).toBeVisible();
    // A moment noted by hand raises the banner the wall must keep showing.
    await page.locator('body').click({ position: { x: 5, y: 1070 } });
    await page.keyboard.press('m');
    const note = page.getByRole('textbox', { name: 'What happened?' });
    await note.fill('Blackout in the stadium');
    await note.press('Enter');
    const banner = page.getByRole('alert', { name: 'Moment alert' });
    await expect(banner).toContainText('Blackout in the stadium');

    await page.keyboard.press('w');
    await expect(page.getByRole('button', { name: 'Leave the wall screen' })).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Side panels' })).toBeHidden();
    const text = feed.getByRole('article').first().locator('.item-text');
    const size = await text.evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    await expect(banner).toBeInViewport();
    await expect(page.getByRole('timer', { name: 'Event clock' })).toBeInViewport();
  });
});
