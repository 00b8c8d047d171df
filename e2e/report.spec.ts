import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures/serve-mode';
import { addMember } from './fixtures/room-steps';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB', demo: true });

test('the demo room report opens, exports HTML that reads offline, and prints to PDF', async ({
  page,
  served,
  browser,
}) => {
  await page.goto(served.loginUrl);
  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Drafts' });
  await panel.getByRole('tab', { name: 'Team' }).click();
  await addMember(panel, 'Anouk', 'Analyst');
  await pickMe(page, 'Anouk (Analyst)');

  await page.getByRole('button', { name: 'Report' }).click();
  const report = page.getByRole('region', { name: 'Post-event report' });
  await expect(report.getByText('Toutes les heures sont dans le fuseau de la salle')).toBeVisible({ timeout: 20_000 });

  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'HTML', exact: true }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^report-.+\.html$/);
  const file = join(served.dataDir, 'exports', 'downloaded.html');
  await saved.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).not.toContain('<script');

  const offline = await browser.newContext({ offline: true });
  const reader = await offline.newPage();
  const requests: string[] = [];
  reader.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await reader.goto(pathToFileURL(file).toString());
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Bilan');
  expect(requests).toEqual([]);
  const pdf = await reader.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(0);
  await offline.close();
});
