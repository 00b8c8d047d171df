import { startFeedServer, type FeedServer } from '../main/core/ingest/testing/feed-server';
import { addSource, openNewRoom } from './fixtures/room-steps';
import { expect, test } from './fixtures/serve-mode';

test.use({ locale: 'en-GB' });

/** A feed as the web writes them: a bare ampersand, so not XML; HTML with structure and an image. */
const broken = (imageUrl: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local wire</title><link>http://127.0.0.1/</link>
  <item><guid>1</guid><title>AT&T backs the bid</title><link>http://127.0.0.1/1</link>
    <description><![CDATA[<h3>What we know</h3><ul><li>Signed at noon</li></ul><img src="${imageUrl}" alt="Signing"><script>alert(1)</script>]]></description></item>
  <item><guid>2</guid><title>Why List&lt;String&gt; matters</title><link>http://127.0.0.1/2</link>
    <description>Plain summary.</description></item>
</channel></rss>`;

let feeds: FeedServer;
test.beforeEach(async () => {
  feeds = await startFeedServer({
    '/feed.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(broken(feeds.url('/signing.png')));
    },
    // Never loads (the page only takes https images anyway): as offline, for the card.
    '/signing.png': (_request, response) => {
      response.writeHead(404).end();
    },
  });
});
test.afterEach(async () => {
  await feeds.close();
});

test('a malformed feed is recovered and says so; cards show the headline, then the HTML kept safe', async ({
  page,
  served,
}) => {
  await openNewRoom(page, served.loginUrl);
  const panel = await addSource(page, { kind: 'feed', name: 'Local wire', address: feeds.url('/feed.xml') });
  const source = panel.getByRole('listitem', { name: 'Local wire' });
  await expect(source.getByRole('status', { name: 'Health of Local wire' })).toHaveText('OK');
  await expect(source.getByRole('note', { name: 'What Local wire had to work around' })).toHaveText(
    'Recovered from malformed XML (near line 3): 2 items kept',
  );

  await page.getByRole('button', { name: 'Add a column' }).click();
  const form = page.getByRole('form', { name: 'New column' });
  await form.getByRole('textbox', { name: 'Column name' }).fill('Wire');
  await form.getByRole('button', { name: 'Add the column' }).click();
  const column = page.getByRole('region', { name: 'Wire', exact: true });
  // Compact cards show two lines of text; the whole kept structure shows on comfortable cards.
  await page.getByRole('button', { name: 'Comfortable cards' }).click();
  const bid = column.getByRole('article').filter({ hasText: 'AT&T backs the bid' });
  await expect(bid.getByRole('heading', { name: 'AT&T backs the bid' })).toBeVisible();
  await expect(bid.getByRole('heading', { name: 'What we know' })).toBeVisible();
  await expect(bid.getByRole('listitem')).toHaveText('Signed at noon');
  await expect(bid.locator('script')).toHaveCount(0);
  // On screen the image is asked for; it cannot load and gives way to the quiet box.
  await expect(bid.getByRole('img', { name: 'Signing (could not be loaded)' })).toHaveText('Image unavailable');

  const typed = column.getByRole('article').filter({ hasText: 'Plain summary.' });
  await expect(typed.getByRole('heading', { name: 'Why List<String> matters' })).toBeVisible();
});
