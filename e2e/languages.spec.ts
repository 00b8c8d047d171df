import { startFeedServer } from '../main/core/ingest/testing/feed-server';
import { startMastodonPublishServer } from '../main/core/networks/testing/mastodon-publish-server';
import type { Locale } from '../shared/i18n/catalog';
import { catalog, findForeign, foreignTo, visibleTexts } from './fixtures/other-language';
import { approvedDraft, publishToMastodon, roomWithMastodon, statusOn } from './fixtures/publish-steps';
import { expect, test } from './fixtures/serve-mode';
import { wireRss } from './fixtures/wire-feed';
import { pickMe } from './fixtures/who-am-i';

/**
 * Every screen, in French and in English, must show nothing of the other language: health
 * lines, audit lines, moments, the seeded checklist. Names (Camille, Finale), hashtags and
 * the items' own text are in no catalog, so they pass.
 */

test('the check catches each case the French users reported', () => {
  const inFrench = foreignTo('fr');
  const reported = [
    'No network: waiting to reconnect',
    'The server answered 404 Not Found',
    'Le serveur did not answer within 20 seconds',
    'Camille a rejoint la salle comme writer',
    'Camille a répondu à « Does it feel authentic? » : pass',
    'Camille a répondu à « Est-ce que ça sonne juste et authentique ? » : pass',
  ];
  for (const sentence of reported) expect(findForeign([sentence], inFrench), sentence).toHaveLength(1);
  const fine = ['Camille a rejoint la salle comme rédacteur', 'Finale', '#Finale 2-1', 'Mastodon', 'OK'];
  expect(findForeign(fine, inFrench)).toEqual([]);
  expect(findForeign(['Camille joined the room as rédacteur'], foreignTo('en'))).toHaveLength(1);
  // A publishing failure: the English sentence main used to store is caught; the server's own words are not.
  const refusal = 'Validation failed: Text character limit of 500 exceeded';
  expect(findForeign([`Refusé : The server answered 422: “${refusal}”`], inFrench)).toHaveLength(1);
  // The server's own words are allowed like an item's own text ("failed" alone is an English catalog word).
  expect(findForeign([`Refusé : le serveur a répondu 422 : « ${refusal} »`.replace(refusal, '')], inFrench)).toEqual(
    [],
  );
});

test.describe('a publishing failure', () => {
  test.use({ locale: 'en-GB' });

  test('a French reader reads the server’s refusal in French everywhere it is shown', async ({ page, served }) => {
    test.setTimeout(90_000);
    const mastodon = await startMastodonPublishServer({});
    try {
      const drafts = await roomWithMastodon(page, served.loginUrl, mastodon.origin, mastodon.token);
      const editor = await approvedDraft(drafts, 'Goal!');
      mastodon.scriptNext({
        route: 'POST /api/v1/statuses',
        status: 422,
        body: JSON.stringify({ error: 'Validation failed: Text character limit of 500 exceeded' }),
      });
      await publishToMastodon(editor);
      await expect(statusOn(editor).getByRole('status')).toHaveText(/^Refused: the server answered 422/, {
        timeout: 30_000,
      });

      // The same stored failure, read by a French teammate: every screen that shows it, in French only.
      await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
      const w = words('fr');
      const foreign = foreignTo('fr');
      // The instance's own words stay as it wrote them, like an item's own text: only they may be English.
      const refusal = 'Validation failed: Text character limit of 500 exceeded';
      const check = async (screen: string) => {
        const texts = (await visibleTexts(page)).map((text) => text.replace(refusal, ''));
        expect(findForeign(texts, foreign), `${screen} shows English`).toEqual([]);
      };
      const frenchReason = /le serveur a répondu 422\s:\s«\sValidation failed/;
      const alert = page.getByRole('alert', { name: w.publishing.alert.label });
      await expect(alert).toContainText(/Le serveur a répondu 422/);
      const brouillon = page.getByRole('complementary', { name: w.drafts.panel }).getByRole('article', {
        name: w.drafts.editor.title,
      });
      await expect(statusOn(brouillon).getByRole('status')).toHaveText(frenchReason);
      await check('draft with its failed channel and the alert');

      await page.getByRole('tab', { name: w.rooms.side.publishing, exact: true }).click();
      const failed = page.getByRole('region', { name: w.publishing.failed.label });
      await expect(failed.getByRole('listitem').getByRole('status')).toHaveText(frenchReason);
      await check('failed posts');

      await page.getByRole('tab', { name: w.rooms.side.drafts, exact: true }).click();
      const panel = page.getByRole('complementary', { name: w.drafts.panel });
      await panel.getByRole('tab', { name: w.drafts.tabs.audit }).click();
      await expect(panel.getByRole('list', { name: w.drafts.audit.entries })).toContainText(frenchReason);
      await check('audit log');

      await page.getByRole('button', { name: w.report.view.open }).click();
      const report = page.getByRole('region', { name: w.report.view.title });
      // The document is in the room's language (English here) until the reader picks theirs.
      await expect(report).toContainText(/failed: the server answered 422/, { timeout: 20_000 });
      await report.getByRole('combobox', { name: w.report.view.language }).selectOption('fr');
      await expect(report).toContainText(/en échec\s: le serveur a répondu 422/);
      await check('report');
    } finally {
      await mastodon.close();
    }
  });
});

const words = (locale: Locale) => catalog[locale];

for (const locale of ['fr', 'en'] as const) {
  test.describe(`in ${locale === 'fr' ? 'French' : 'English'}`, () => {
    test.use({ locale: locale === 'fr' ? 'fr-FR' : 'en-GB' });

    test('every screen reads in one language only', async ({ page, served }) => {
      test.setTimeout(90_000);
      const w = words(locale);
      const foreign = foreignTo(locale);
      const now = Date.now();
      const wire = await startFeedServer({
        '/feed.xml': (_request, response) => {
          response
            .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
            .end(wireRss([['1', '#Finale 2-1', -1]], now));
        },
      });
      const seen: string[] = [];
      const check = async (screen: string) => {
        const found = findForeign(await visibleTexts(page), foreign);
        seen.push(screen);
        expect(found, `${screen} shows the other language`).toEqual([]);
      };
      try {
        await page.goto(served.loginUrl);
        await expect(page.getByRole('button', { name: w.rooms.create.submit })).toBeVisible();
        await check('rooms list');

        await page.getByRole('textbox', { name: w.rooms.create.name }).fill('Finale');
        await page.getByRole('button', { name: w.rooms.create.submit }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Finale' })).toBeVisible();
        await check('workspace');

        // Sources: one that answers, one whose address is gone (404): its health line says why.
        await page.getByRole('tab', { name: w.rooms.side.sources, exact: true }).click();
        const sources = page.getByRole('complementary', { name: w.sources.title });
        for (const [name, path] of [
          ['Wire', '/feed.xml'],
          ['Dead', '/missing.xml'],
        ] as const) {
          await sources.getByRole('button', { name: w.sources.add.open }).click();
          const form = sources.getByRole('form', { name: w.sources.add.heading });
          await form.getByRole('combobox', { name: w.sources.add.kind }).selectOption('feed');
          await form.getByRole('textbox', { name: w.sources.add.label }).fill(name);
          await form.getByRole('textbox', { name: w.sources.add.url }).fill(wire.url(path));
          await form.getByRole('button', { name: w.sources.add.submit }).click();
        }
        const why = sources.getByRole('note', { name: w.sources.health.errorLabel.replace('{{name}}', 'Dead') });
        await expect(why).toContainText('404');
        await check('sources panel with health lines');

        // A column of what the wire brought.
        await page.getByRole('button', { name: w.workspace.toolbar.addColumn }).click();
        const columnForm = page.getByRole('form', { name: w.workspace.editor.newTitle });
        await columnForm.getByRole('textbox', { name: w.workspace.editor.name }).fill('Finale');
        await columnForm.getByRole('textbox', { name: w.workspace.editor.query }).fill('#Finale');
        await columnForm.getByRole('button', { name: w.workspace.editor.create }).click();
        await expect(page.getByRole('region', { name: 'Finale', exact: true }).getByText('#Finale 2-1')).toBeVisible({
          timeout: 15_000,
        });
        await check('workspace with a column');

        // Moments: one logged by hand, shown in the list and as an alert.
        await page.getByRole('tab', { name: w.rooms.side.moments, exact: true }).click();
        await page.getByRole('button', { name: w.moments.manual.open }).click();
        const log = page.getByRole('form', { name: w.moments.manual.form });
        await log.getByRole('textbox', { name: w.moments.manual.note }).fill('VAR');
        await log.getByRole('button', { name: w.moments.manual.log, exact: true }).click();
        await expect(page.getByRole('list', { name: w.moments.list })).toContainText('VAR');
        await check('moments');

        // Team: Camille joins as a writer and picks herself.
        await page.getByRole('tab', { name: w.rooms.side.drafts, exact: true }).click();
        const drafts = page.getByRole('complementary', { name: w.drafts.panel });
        await drafts.getByRole('tab', { name: w.drafts.tabs.team }).click();
        const add = drafts.getByRole('form', { name: w.drafts.team.add });
        await add.getByRole('textbox', { name: w.drafts.team.name }).fill('Camille');
        await add.getByRole('combobox', { name: w.drafts.team.role }).selectOption({ label: w.drafts.roles.writer });
        await add.getByRole('button', { name: w.drafts.team.addButton }).click();
        await pickMe(page, `Camille (${w.drafts.roles.writer})`);
        await check('team panel');

        // A draft with its checklist: one question answered.
        await drafts.getByRole('tab', { name: w.drafts.tabs.queue }).click();
        await drafts.getByRole('button', { name: w.drafts.queue.new }).click();
        const editor = drafts.getByRole('article', { name: w.drafts.editor.title });
        await editor.getByRole('textbox', { name: w.drafts.editor.body }).fill('Allez ! #Finale');
        const authentic = locale === 'fr' ? 'Est-ce que ça sonne juste et authentique ?' : 'Does it feel authentic?';
        await editor.getByRole('combobox', { name: authentic }).selectOption('pass');
        await expect(editor.getByRole('combobox', { name: authentic })).toHaveValue('pass');
        await check('drafts and checklist');

        await drafts.getByRole('tab', { name: w.drafts.tabs.audit }).click();
        const audit = drafts.getByRole('list', { name: w.drafts.audit.entries });
        // The answer's line, whichever language it came in: the check below says if it is the wrong one.
        await expect(audit).toContainText(/authentique|authentic/);
        await check('audit log');

        for (const tab of [w.drafts.tabs.checklist, w.drafts.tabs.playbook, w.drafts.tabs.bank]) {
          await drafts.getByRole('tab', { name: tab }).click();
          await check(`drafts: ${tab}`);
        }

        await page.getByRole('tab', { name: w.rooms.side.publishing, exact: true }).click();
        await expect(page.getByRole('complementary', { name: w.publishing.panel })).toBeVisible();
        await check('publishing and outbox');

        await page.getByRole('button', { name: w.report.view.open }).click();
        const report = page.getByRole('region', { name: w.report.view.title });
        await expect(report.getByText('Dead').first()).toBeVisible({ timeout: 20_000 });
        await check('report');
        await page.getByRole('button', { name: w.report.view.open }).click();

        await page.getByRole('link', { name: w.common.back }).click();
        await expect(page.getByRole('button', { name: w.rooms.create.submit })).toBeVisible();
        await check('rooms list with the room');
      } finally {
        await wire.close();
      }
      expect(seen).toHaveLength(14);
    });
  });
}
