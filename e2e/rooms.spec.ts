import { expect, test } from './fixtures/serve-mode';
import type { Page } from '@playwright/test';

/** A datetime-local value `days` from now, at 21:00. */
function daysAhead(days: number, time = '21:00'): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${time}`;
}

async function createRoom(
  page: Page,
  name: string,
  options: { timeZone?: string; startsAt?: string; endsAt?: string } = {},
) {
  const form = page.getByRole('form', { name: 'New war room' });
  await form.getByRole('textbox', { name: 'Room name' }).fill(name);
  if (options.timeZone) await form.getByRole('combobox', { name: 'Time zone' }).fill(options.timeZone);
  if (options.startsAt) await form.getByLabel('Event starts').fill(options.startsAt);
  if (options.endsAt) await form.getByLabel('Event ends').fill(options.endsAt);
  await form.getByRole('button', { name: 'Create the war room' }).click();
}

test.use({ locale: 'en-GB' });

test('create a room, open it, and find it again after a reload and a restart', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await expect(page.getByRole('heading', { name: 'War rooms' })).toBeVisible();
  await expect(page.getByText('No war room yet')).toBeVisible();

  await createRoom(page, 'Cup final 2026', {
    timeZone: 'Europe/Paris',
    startsAt: daysAhead(2),
    endsAt: daysAhead(2, '23:30'),
  });

  // Creating opens the room: its frame shows the name and the event clock.
  await expect(page.getByRole('heading', { level: 1, name: 'Cup final 2026' })).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Event clock' })).toHaveText(/^Starts in \d+:\d\d:\d\d$/);
  await expect(page).toHaveURL(/#\/rooms\/[\w-]+$/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Cup final 2026' })).toBeVisible();

  await page.getByRole('link', { name: 'All war rooms' }).click();
  await expect(page.getByRole('link', { name: 'Open Cup final 2026' })).toBeVisible();

  // After a restart the app reopens the last room, and the list still has it.
  const restarted = await served.restart();
  await page.goto(restarted.loginUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Cup final 2026' })).toBeVisible();
  await page.getByRole('link', { name: 'All war rooms' }).click();
  await expect(page.getByRole('link', { name: 'Open Cup final 2026' })).toBeVisible();
});

test('rename and archive a room', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await createRoom(page, 'Launch night');
  await page.getByRole('link', { name: 'All war rooms' }).click();

  await page.getByRole('button', { name: 'Rename Launch night' }).click();
  await page.getByRole('textbox', { name: 'New name for Launch night' }).fill('Launch night (EU)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('link', { name: 'Open Launch night (EU)' })).toBeVisible();

  await page.getByRole('button', { name: 'Archive Launch night (EU)' }).click();
  await expect(page.getByRole('link', { name: 'Open Launch night (EU)' })).toBeHidden();
  await page.getByRole('checkbox', { name: 'Show archived rooms' }).check();
  await expect(page.getByRole('link', { name: 'Open Launch night (EU)' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore Launch night (EU)' }).click();
  await page.getByRole('checkbox', { name: 'Show archived rooms' }).uncheck();
  await expect(page.getByRole('link', { name: 'Open Launch night (EU)' })).toBeVisible();
});

test('switch the interface to French, and it stays French after a reload', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Salles de crise' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Créer la salle de crise' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Salles de crise' })).toBeVisible();
  await page.getByRole('button', { name: 'Créer la salle de crise' }).click();
  await expect(page.getByRole('alert')).toHaveText('Donnez un nom à la salle de crise.');
});

test('a French system gets the French interface on first start', async ({ browser, served }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(served.loginUrl);
  await expect(page.getByRole('heading', { name: 'Salles de crise' })).toBeVisible();
  await context.close();
});

test('bad input gets a clear error and changes nothing', async ({ page, served }) => {
  await page.goto(served.loginUrl);
  await createRoom(page, 'Kept room');
  await page.getByRole('link', { name: 'All war rooms' }).click();
  const form = page.getByRole('form', { name: 'New war room' });
  const alert = form.getByRole('alert');

  await createRoom(page, '   ');
  await expect(alert).toHaveText('Give the war room a name.');

  await form.getByRole('textbox', { name: 'Room name' }).fill('Backwards');
  const start = await form.getByLabel('Event starts').inputValue();
  await form.getByLabel('Event ends').fill(start);
  await form.getByRole('button', { name: 'Create the war room' }).click();
  await expect(alert).toHaveText('The event must end after it starts.');

  await createRoom(page, 'Elsewhere', {
    timeZone: 'Mars/Olympus_Mons',
    startsAt: daysAhead(1),
    endsAt: daysAhead(1, '23:00'),
  });
  await expect(alert).toContainText('This time zone is unknown');

  await createRoom(page, 'x'.repeat(121));
  await expect(alert).toContainText('The room name is too long');

  await expect(page.getByRole('list', { name: 'War rooms' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Open Kept room' })).toBeVisible();
});
