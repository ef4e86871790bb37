import { afterAll, describe, expect, test } from 'vitest';
import { isSealedBody } from '../../content/articles/index.js';
import { describeItem, describingToolsFor, type FilingSettings, type ItemCopy } from './describe-item.js';
import { createDescribePool } from './describe-pool.js';
import { readFeedItems, type FeedText } from './read-feed-items.js';

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title><link>https://wire.example.com/</link>${items}</channel></rss>`;
const feedText = (body: string): FeedText => ({ body: Buffer.from(body), contentType: 'application/rss+xml', url: 'https://wire.example.com/feeds/markets.xml', maxBytes: 1024 * 1024 });
const origin = { sourceName: 'Harbour Wire', credit: 'Harbour Wire', language: 'en' };

const items: ItemCopy[] = Array.from({ length: 60 }, (_, n) => ({
  title: n % 2 ? `Oil prices climb as OPEC trims output, story ${n}` : `Lumora (NASDAQ: LUMA) shares rise ${n}% after cloud deal`,
  dek: n % 3 ? null : `Crude rose to $${80 + n} a barrel.`,
  bodyHtml: `<p>Chief executive Ingrid Vass said on Tuesday that $LUMA would hire ${n * 10} engineers.</p><p>Brent crude, banks and bonds moved in London.</p>`,
  url: `https://wire.example.com/story/${n}?utm_source=rss`,
}));
const instruments = [{ symbol: 'LUMA', exchange: 'NASDAQ', name: 'Lumora Inc.' }];

describe('describing threads', () => {
  const pool = createDescribePool(2);
  afterAll(() => pool.close());

  test('describe items as the event loop would, in order, and follow changed settings', async () => {
    const energy: FilingSettings = { sectionSlugs: ['energy', 'technology'], instruments };
    expect(await pool.describe(energy, items)).toEqual(items.map((item) => describeItem(item, describingToolsFor(energy))));
    const other: FilingSettings = { sectionSlugs: ['markets'], instruments: [] };
    const described = await pool.describe(other, items.slice(0, 5));
    expect(described).toEqual(items.slice(0, 5).map((item) => describeItem(item, describingToolsFor(other))));
    expect(described[0]!.tickers.map((t) => t.value)).toEqual(['LUMA']);
  });

  test('read a feed as the event loop would: items normalized with sealed bodies, the empty one skipped, a web page refused', async () => {
    const feed = feedText(
      rss(`<item><title>Copper climbs</title><link>/markets/copper</link><guid>c-1</guid><description><![CDATA[<p onclick="x()">See <a href="../metals">metals</a>.</p><script>x()</script>]]></description></item>
        <item><guid>empty</guid></item>
        <item><title>Oil slips</title><guid>o-2</guid><description>Brent fell.</description></item>`),
    );
    const read = await pool.readFeed(feed, origin);
    expect(read).toEqual(await readFeedItems(feed, origin));
    if (read.kind !== 'read') throw new Error(read.reason);
    expect(read.itemsSkipped).toBe(1);
    expect(read.items.map((item) => item.input.bodyHtml)).toEqual(['<p>See <a href="https://wire.example.com/metals">metals</a>.</p>', '<p>Brent fell.</p>']);
    // Sealed in the thread with the key this process made: saving here will not sanitize them again.
    expect(read.items.every((item) => isSealedBody(item.input.bodyHtml, item.input.bodyText, item.input.bodySeal))).toBe(true);
    const page = feedText('<!DOCTYPE html><html><body>Not a feed</body></html>');
    expect(await pool.readFeed(page, origin)).toEqual(await readFeedItems(page, origin));
    expect((await pool.readFeed(page, origin)).kind).toBe('refused');
  });

  test('a closed pool starts its threads again when next used', async () => {
    await pool.close();
    const settings: FilingSettings = { sectionSlugs: [], instruments: [] };
    expect(await pool.describe(settings, items.slice(0, 3))).toHaveLength(3);
  });
});
