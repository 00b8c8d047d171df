import { expect, test } from './fixtures/serve-mode';
import { actionLimit, prepareJourney, runJourney, secondsLimit } from './fixtures/alert-to-approved';
import { openRoomWithTeam } from './fixtures/room-steps';

test.use({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
// The pre-event setup (team, room-level answers, two windows) is most of each test's time.
test.describe.configure({ timeout: 120_000 });

test('from a moment’s alert to an approved post in at most 6 actions: a writer and an approver on two windows', async ({
  page,
  served,
}) => {
  const windows = await prepareJourney(page, served.loginUrl);
  const outcome = await runJourney(windows);
  expect(outcome.steps).toEqual([
    'Enter on the alert',
    'type the text',
    'Ctrl+Enter',
    'y to question 1',
    'y to question 2',
    'a on the review request',
  ]);
  expect(outcome.actions).toBeLessThanOrEqual(actionLimit);
  expect(outcome.seconds).toBeLessThanOrEqual(secondsLimit);

  // What the keys did is on record: the writer's answers and the approver's confirmations.
  const editor = page.getByRole('complementary', { name: 'Drafts' }).getByRole('article', { name: 'Draft' });
  await expect(editor.getByRole('term')).toHaveText(['First edit', 'Submitted', 'Approved']);
  await expect(windows.approver.getByRole('alert', { name: 'Review request' })).toBeHidden();
});

test('c on a review request asks for changes with the cursor in the comment; Ctrl+Z takes a checklist answer back', async ({
  page,
  served,
}) => {
  const { writer, approver } = await prepareJourney(page, served.loginUrl);
  await writer.keyboard.press('Enter');
  const editor = writer.getByRole('complementary', { name: 'Drafts' }).getByRole('article', { name: 'Draft' });
  const body = editor.getByRole('textbox', { name: 'Draft text' });
  await expect(body).toBeFocused();
  await writer.keyboard.type('Lights out, jokes on.');

  // An answer given in the checklist is one Ctrl+Z away (outside the text field).
  const authentic = editor.getByRole('combobox', { name: 'Does it feel authentic?' });
  await authentic.selectOption('pass');
  const toast = writer.getByRole('status', { name: 'Last action' });
  await expect(toast).toContainText('Answer saved: Does it feel authentic?');
  // A shortcut pressed while focus sits in a select still works (in the text, Ctrl+Z is the text's own).
  await authentic.focus();
  await writer.keyboard.press('Control+z');
  await expect(toast).toContainText('Undone: Answer saved: Does it feel authentic?');
  await expect(authentic).toHaveValue('');

  await body.focus();
  await writer.keyboard.press('Control+Enter');
  const prompt = editor.getByRole('dialog', { name: 'Before it goes to review' });
  await expect(prompt).toContainText('Question 1 of 2');
  await writer.keyboard.press('y');
  await expect(prompt).toContainText('Question 2 of 2');
  await writer.keyboard.press('y');
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('In review');

  const request = approver.getByRole('alert', { name: 'Review request' });
  await expect(request).toContainText('Wendy asks for a review');
  await approver.keyboard.press('c');
  const comment = request.getByRole('textbox', { name: 'What should change' });
  await expect(comment).toBeFocused();
  await approver.keyboard.type('Too close to the stadium news: soften it.');
  await approver.keyboard.press('Enter');
  await expect(editor.getByRole('status', { name: 'Draft state' })).toHaveText('Changes requested');
  await expect(request).toBeHidden();
});

test('who am I is asked at first use, once per window, and the action goes on as the person picked', async ({
  page,
  served,
}) => {
  const panel = await openRoomWithTeam(page, served.loginUrl, [['Wendy', 'Writer']]);
  await expect(page.getByRole('status', { name: 'Acting as' })).toHaveText('Who are you?');
  await page.getByRole('tab', { name: 'Moments', exact: true }).click();
  await page.getByRole('button', { name: 'Log a moment (m)' }).click();
  await page.getByRole('textbox', { name: 'What happened?' }).fill('Blackout in the stadium');
  await page.getByRole('button', { name: 'Log', exact: true }).click();
  await expect(page.getByRole('alert', { name: 'Moment alert' })).toContainText('Blackout in the stadium');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  const prompt = page.getByRole('dialog', { name: 'Who are you in this room?' });
  await expect(prompt.getByRole('button', { name: '1. Wendy (Writer)' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(prompt).toBeHidden();
  await expect(page.getByRole('status', { name: 'Acting as' })).toHaveText('You are Wendy (Writer)');
  const body = panel.getByRole('article', { name: 'Draft' }).getByRole('textbox', { name: 'Draft text' });
  await expect(body).toBeFocused();

  // Another window of the same browser asks again: each window has its own person.
  const other = await page.context().newPage();
  await other.goto(served.loginUrl);
  await expect(other.getByRole('status', { name: 'Acting as' })).toHaveText('Who are you?');
});
