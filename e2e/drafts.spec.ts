import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/serve-mode';
import { addMember, addSource, openNewRoom, openRoomWithTeam } from './fixtures/room-steps';
import { pickMe } from './fixtures/who-am-i';

test.use({ locale: 'en-GB' });

interface TemplateItem {
  kind: string;
  level: string;
  text: { en: string };
}
const template = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'resources', 'checklists', 'realtime-preflight.json'), 'utf8'),
) as { items: TemplateItem[] };
const requiredQuestions = template.items.filter((item) => item.kind === 'question' && item.level === 'required');

test('write a draft, see a banned term flagged, pass the checklist, submit, approve as someone else, see the timings', async ({
  page,
  served,
}) => {
  const panel = await openRoomWithTeam(page, served.loginUrl, [
    ['Wendy', 'Writer'],
    ['Arthur', 'Approver'],
  ]);

  await pickMe(page, 'Wendy (Writer)');

  await panel.getByRole('tab', { name: 'Playbook' }).click();
  await panel.getByRole('textbox', { name: /Banned terms/ }).fill('cheap: we are a premium brand');
  await panel.getByRole('button', { name: 'Save the playbook' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Playbook saved.' })).toBeVisible();

  await panel.getByRole('tab', { name: 'Queue' }).click();
  await panel.getByRole('button', { name: 'New draft' }).click();
  const editor = panel.getByRole('article', { name: 'Draft' });
  const body = editor.getByRole('textbox', { name: 'Draft text' });
  const bannedCheck = editor.getByRole('status', { name: 'Result of No banned terms from the playbook' });

  await body.fill('Cheap seats tonight, what a final!');
  await expect(bannedCheck).toHaveText('Fail');
  await expect(editor.getByRole('listitem', { name: 'No banned terms from the playbook' })).toContainText(
    'we are a premium brand',
  );
  await body.fill('What a final! Proud of every fan tonight.');
  await expect(bannedCheck).toHaveText('Pass');
  await editor.getByRole('checkbox', { name: /^X/ }).check();
  await expect(editor.getByLabel('Length for X')).toHaveText('41/280');
  await expect(editor.getByRole('status', { name: 'Save state' })).toHaveText('Saved');

  for (const item of requiredQuestions) {
    await editor.getByRole('combobox', { name: item.text.en }).selectOption('pass');
  }
  const requiredCount = template.items.filter((item) => item.level === 'required').length;
  await expect(editor.getByRole('region', { name: 'Checklist' }).getByRole('heading')).toContainText(
    `${requiredCount}/${requiredCount} required`,
  );

  await editor.getByRole('button', { name: 'Submit for review' }).click();
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('In review');

  // The writer cannot approve; main says why.
  await editor.getByRole('button', { name: 'Approve' }).click();
  await expect(editor.getByRole('alert')).toContainText('As writer, you cannot approve this draft.');

  await pickMe(page, 'Arthur (Approver)');
  await editor.getByRole('button', { name: 'Approve' }).click();
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Approved');

  const timings = editor.getByRole('definition');
  await expect(editor.getByRole('term')).toHaveText(['First edit', 'Submitted', 'Approved']);
  await expect(timings).toHaveCount(3);
  await expect(timings.first()).toHaveText(/^\d+:\d\d$/);

  await editor.getByRole('button', { name: 'Queue' }).click();
  const card = panel.getByRole('region', { name: 'Approved' }).getByRole('listitem', { name: /What a final!/ });
  await expect(card.getByRole('timer', { name: 'Age since trigger' })).toHaveText(/^\d+:\d\d$/);
  await expect(card).toContainText('Assigned to Wendy');

  await panel.getByRole('tab', { name: 'Audit' }).click();
  await panel.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'Approved' });
  await expect(panel.getByRole('list', { name: 'Audit entries' }).getByRole('listitem')).toHaveText([
    /Arthur approved the draft\./,
  ]);
});

test('pre-approve a text as a lead, use it from the bank as an approved draft, reassign and schedule it', async ({
  page,
  served,
}) => {
  const panel = await openRoomWithTeam(page, served.loginUrl, [
    ['Léa', 'Lead'],
    ['Wendy', 'Writer'],
  ]);

  await panel.getByRole('tab', { name: 'Bank' }).click();
  const bank = panel.getByRole('region', { name: 'Pre-approved content' });
  const form = bank.getByRole('form', { name: 'Pre-approve a text' });
  const fillForm = async () => {
    await form.getByRole('textbox', { name: 'Title' }).fill('If we win');
    await form.getByRole('textbox', { name: 'Text' }).fill('Champions! Thank you to every fan.');
    await form.getByRole('checkbox', { name: 'X' }).check();
  };

  // A writer may not pre-approve: main refuses and says why.
  await pickMe(page, 'Wendy (Writer)');
  await fillForm();
  await form.getByRole('button', { name: 'Add to the bank' }).click();
  await expect(form.getByRole('alert')).toHaveText('As writer, you cannot pre-approve content in this room.');

  await pickMe(page, 'Léa (Lead)');
  await fillForm();
  await form.getByRole('button', { name: 'Add to the bank' }).click();
  await expect(form.getByRole('status')).toHaveText('Added to the bank.');
  const entry = bank.getByRole('list', { name: 'Pre-approved texts' }).getByRole('listitem', { name: 'If we win' });
  await expect(entry).toContainText('Valid now');
  await expect(entry).toContainText(/Valid .+ – .+/);

  // One action from the bank to an approved draft.
  await pickMe(page, 'Wendy (Writer)');
  await entry.getByRole('button', { name: 'Use If we win' }).click();
  const editor = panel.getByRole('article', { name: 'Draft' });
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Approved');
  await expect(editor.getByRole('textbox', { name: 'Draft text' })).toHaveValue('Champions! Thank you to every fan.');

  await editor.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Léa (Lead)' });
  await expect(editor.getByRole('combobox', { name: 'Assignee' })).toHaveValue(/.+/);

  // Scheduled inside its freshness window (the proposed time is halfway through it).
  await editor.getByRole('button', { name: 'Schedule' }).click();
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Scheduled');
  await expect(editor).toContainText(/Scheduled for \d\d:\d\d/);

  await editor.getByRole('button', { name: 'Queue' }).click();
  const card = panel.getByRole('region', { name: 'Scheduled' }).getByRole('listitem', { name: /Champions!/ });
  await expect(card).toContainText('Assigned to Léa');
});

test('edit the room’s checklist: a missing translation and an empty list are refused, a complete item is saved', async ({
  page,
  served,
}) => {
  const panel = await openRoomWithTeam(page, served.loginUrl, [['Léa', 'Lead']]);
  await pickMe(page, 'Léa (Lead)');

  await panel.getByRole('tab', { name: 'Checklist' }).click();
  const editor = panel.getByRole('region', { name: 'Checklist template' });
  const items = editor.getByRole('list', { name: 'Checklist items' }).getByRole('listitem');
  await expect(items).toHaveCount(template.items.length);

  await editor.getByRole('button', { name: 'Add an item' }).click();
  const n = template.items.length + 1;
  await editor.getByRole('textbox', { name: `English text of item ${n}` }).fill('Did legal see the claim?');
  await editor.getByRole('button', { name: 'Save the checklist' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    `Invalid checklist template, items.${n - 1}.text.fr: the fr text is missing.`,
  );
  await editor.getByRole('textbox', { name: `French text of item ${n}` }).fill('Le service juridique a-t-il vu ?');
  await editor.getByRole('combobox', { name: `Level of item ${n}` }).selectOption({ label: 'Required' });
  await editor.getByRole('button', { name: 'Save the checklist' }).click();
  await expect(editor.getByRole('status')).toHaveText('Checklist saved.');

  // Removing every item: main refuses an empty checklist, and the saved one stays.
  for (let left = n; left > 0; left -= 1) {
    await editor.getByRole('button', { name: 'Remove item 1', exact: true }).click();
  }
  await expect(items).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save the checklist' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Invalid checklist template, items: a checklist needs at least one item.',
  );
  await panel.getByRole('tab', { name: 'Queue' }).click();
  await panel.getByRole('tab', { name: 'Checklist' }).click();
  await expect(items).toHaveCount(n);
});

test('respond to an item from a column: a draft linked to it opens in the Drafts panel', async ({ page, served }) => {
  await openNewRoom(page, served.loginUrl);
  await addSource(page, { kind: 'replay', name: 'Replay', recording: 'demo-final' });

  await page.getByRole('button', { name: 'Add a column' }).click();
  const columnForm = page.getByRole('form', { name: 'New column' });
  await columnForm.getByRole('textbox', { name: 'Column name' }).fill('All');
  await columnForm.getByRole('textbox', { name: 'Query' }).fill('Aurelia OR Lions');
  await columnForm.getByRole('button', { name: 'Add the column' }).click();
  const column = page.getByRole('region', { name: 'All', exact: true });
  const feed = column.getByRole('feed', { name: 'Items in All' });
  await expect(feed.getByRole('article').first()).toBeVisible();
  // Hold the column still so the item we respond to stays where it is.
  await column.getByRole('button', { name: 'Pause All' }).click();
  const item = feed.getByRole('article').first();

  await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Drafts' });
  // Nobody picked yet: the panel says what to do.
  await item.getByRole('button', { name: 'Respond' }).click();
  await expect(panel.getByRole('alert')).toHaveText(
    "Pick who you are first (press i, or Switch person in the room's header).",
  );

  await expect(panel).toContainText('Add your team in the Team tab, then pick who you are.');
  await panel.getByRole('tab', { name: 'Team' }).click();
  await addMember(panel, 'Wendy', 'Writer');
  // With someone to pick, the panel's hint opens the header's prompt.
  await panel.getByRole('button', { name: 'Pick who you are (i)' }).click();
  await expect(page.getByRole('dialog', { name: 'Who are you in this room?' })).toBeVisible();
  await pickMe(page, 'Wendy (Writer)');
  await expect(panel.getByRole('button', { name: 'Pick who you are (i)' })).toHaveCount(0);
  await panel.getByRole('tab', { name: 'Team' }).click();

  // The item can be handed to a teammate; the card then shows who has it.
  await item.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: 'Wendy' });
  await expect(item.getByRole('combobox', { name: 'Assign to' }).locator('option:checked')).toHaveText('Wendy');

  await item.getByRole('button', { name: 'Respond' }).click();
  const editor = panel.getByRole('article', { name: 'Draft' });
  await expect(panel.getByRole('tab', { name: 'Queue' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Draft');
  await editor.getByRole('textbox', { name: 'Draft text' }).fill('We saw that too!');
  await expect(editor.getByRole('status', { name: 'Save state' })).toHaveText('Saved');

  await panel.getByRole('tab', { name: 'Audit' }).click();
  await panel.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'Created' });
  await expect(panel.getByRole('list', { name: 'Audit entries' }).getByRole('listitem')).toHaveText([
    /Wendy created a draft\./,
  ]);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('an error from main about drafts reads in French, with its role translated', async ({ page, served }) => {
    await page.goto(served.loginUrl);
    await page.getByRole('textbox', { name: 'Nom de la salle' }).fill('Finale');
    await page.getByRole('button', { name: 'Créer la salle de crise' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Finale' })).toBeVisible();
    await page.getByRole('tab', { name: 'Brouillons', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Brouillons' });
    await panel.getByRole('tab', { name: 'Équipe' }).click();
    const team = panel.getByRole('form', { name: 'Ajouter un membre' });
    await team.getByRole('textbox', { name: 'Nom' }).fill('Wendy');
    await team.getByRole('combobox', { name: 'Rôle' }).selectOption({ label: 'Rédacteur' });
    await team.getByRole('button', { name: 'Ajouter le membre' }).click();
    await pickMe(page, 'Wendy (Rédacteur)');

    await panel.getByRole('tab', { name: 'Banque' }).click();
    const form = panel.getByRole('form', { name: 'Pré-approuver un texte' });
    await form.getByRole('textbox', { name: 'Titre' }).fill('Si on gagne');
    await form.getByRole('textbox', { name: 'Texte' }).fill('Champions !');
    await form.getByRole('button', { name: 'Ajouter à la banque' }).click();
    await expect(form.getByRole('alert')).toHaveText(
      'Avec le rôle rédacteur, vous ne pouvez pas pré-approuver de contenu dans cette salle.',
    );
  });
});

test('attach an image dropped in the room asset folder to a draft; it shows and stays attached', async ({
  page,
  served,
}) => {
  const panel = await openRoomWithTeam(page, served.loginUrl, [['Wendy', 'Writer']]);
  await pickMe(page, 'Wendy (Writer)');
  await panel.getByRole('tab', { name: 'Queue' }).click();
  await panel.getByRole('button', { name: 'New draft' }).click();
  const editor = panel.getByRole('article', { name: 'Draft' });
  await editor.getByRole('textbox', { name: 'Draft text' }).fill('Look at this goal!');

  const media = editor.getByRole('group', { name: 'Media' });
  await expect(media).toContainText('No images in the folder yet.');
  const folder = (await media.locator('code').textContent()) ?? '';
  expect(folder.startsWith(join(served.dataDir, 'assets'))).toBe(true);
  // One transparent pixel, dropped where the editor says.
  writeFileSync(
    join(folder, 'goal.png'),
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  await media.getByRole('button', { name: 'Refresh' }).click();
  const image = media.getByRole('img', { name: 'goal.png' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  await media.getByRole('checkbox', { name: 'Attach goal.png' }).check();
  await expect(editor.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
  await expect(media).toContainText('1/4 attached');

  // Back to the queue and in again: the editor starts from what main stored.
  await editor.getByRole('button', { name: 'Queue' }).click();
  await panel
    .getByRole('listitem', { name: /Look at this goal!/ })
    .getByRole('button')
    .first()
    .click();
  await expect(
    panel.getByRole('group', { name: 'Media' }).getByRole('checkbox', { name: 'Attach goal.png' }),
  ).toBeChecked();
});
