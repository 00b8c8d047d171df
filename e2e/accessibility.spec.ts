import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/serve-mode';

// The demo war room, so every page has real content: posts, columns, a team panel.
test.use({ locale: 'en-GB', demo: true, viewport: { width: 1440, height: 900 } });
// Each axe pass reads the whole page: several per test on a shared machine take a while.
test.describe.configure({ timeout: 90_000 });

/** Serious and critical violations only (WCAG 2.x A and AA rules), each as "rule: the first few targets". */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

async function openDemoRoom(page: Page, loginUrl: string): Promise<void> {
  await page.goto(loginUrl);
  await expect(page.getByRole('feed').first().getByRole('article').first()).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Side panels' })).toBeVisible();
}

test('the rooms page has no serious or critical axe violation', async ({ page, served }) => {
  await page.goto(`${served.loginUrl}#/`);
  await expect(page.getByRole('textbox', { name: 'Room name' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the workspace has none, in compact and comfortable cards and with a card’s actions shown', async ({
  page,
  served,
}) => {
  await openDemoRoom(page, served.loginUrl);
  await page.getByRole('feed').first().getByRole('article').first().hover();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Comfortable cards' }).click();
  await expect(page.getByRole('button', { name: 'Comfortable cards' })).toHaveAttribute('aria-pressed', 'true');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the drafts panel has none, on each of its tabs', async ({ page, served }) => {
  await openDemoRoom(page, served.loginUrl);
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Drafts' });
  await expect(panel).toBeVisible();
  for (const tab of ['Queue', 'Bank', 'Playbook', 'Checklist', 'Team', 'Audit']) {
    await panel.getByRole('tab', { name: tab, exact: true }).click();
    await expect(panel.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    expect(await seriousViolations(page, '.side-panels'), tab).toEqual([]);
  }
});

test('a moment alert has none', async ({ page, served }) => {
  await openDemoRoom(page, served.loginUrl);
  await page.locator('body').click({ position: { x: 5, y: 890 } });
  await page.keyboard.press('m');
  const note = page.getByRole('textbox', { name: 'What happened?' });
  await note.fill('Blackout in the stadium');
  await note.press('Enter');
  const alert = page.getByRole('alert', { name: 'Moment alert' });
  await expect(alert).toContainText('Blackout in the stadium');
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the workspace and a moment alert have none', async ({ page, served }) => {
    await openDemoRoom(page, served.loginUrl);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('m');
    const note = page.getByRole('textbox', { name: 'What happened?' });
    await note.fill('Blackout in the stadium');
    await note.press('Enter');
    await expect(page.getByRole('alert', { name: 'Moment alert' })).toContainText('Blackout in the stadium');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
