import { afterAll, describe, expect, test } from 'vitest';
import { describeItem, describingToolsFor, type FilingSettings, type ItemCopy } from './describe-item.js';
import { createDescribePool } from './describe-pool.js';

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

  test('a closed pool starts its threads again when next used', async () => {
    await pool.close();
    const settings: FilingSettings = { sectionSlugs: [], instruments: [] };
    expect(await pool.describe(settings, items.slice(0, 3))).toHaveLength(3);
  });
});
