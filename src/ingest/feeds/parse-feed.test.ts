import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { FeedEntry, FeedItem } from './feed-item.js';
import { MAX_FEED_ITEMS, parseFeed, type ParsedFeed } from './parse-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url));
const url = 'https://feeds.example/feed';

function parsed(body: Buffer, options: { contentType?: string } = {}): ParsedFeed {
  const outcome = parseFeed(body, { url, ...options });
  if (outcome.kind !== 'parsed') throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}
const entries = (feed: ParsedFeed) => feed.items.map((item: FeedItem) => item as FeedEntry);

describe('parseFeed: formats, detected from the content', () => {
  test('RSS 2.0: CDATA, namespaces, repeated guids, missing and unreadable dates, image enclosures only', () => {
    const feed = parsed(fixture('rss2-edge-cases.xml'));
    expect(feed).toMatchObject({ format: 'rss', title: 'Harbour Wire — Markets', skipped: [] });
    const [copper, vote, copperAgain, insurers] = entries(feed);
    expect(copper).toMatchObject({
      guid: 'hw-2026-0301-copper',
      link: '/markets/2026/03/copper-high',
      summaryHtml: 'Prices rose 3% as the <b>Port of Valdera</b> strike entered its second week.',
      authors: ['Mara Lindqvist and Tomas Okafor'],
      categories: ['Commodities', 'Metals'],
      publishedAt: '2026-03-02T07:15:00.000Z',
      images: [{ url: 'https://cdn.wire.example.com/photos/valdera-port.jpg' }, { url: 'https://cdn.wire.example.com/photos/cranes.jpg', caption: 'Idle cranes at the Port of Valdera.', credit: 'Ines Barros / Harbour Wire' }],
    });
    expect(copper!.contentHtml).toContain('<a href="../analysis/strike">strike</a>');
    expect(vote).toMatchObject({ authors: ['Priya Raman'], images: [] });
    expect(vote!.publishedAt).toBeUndefined();
    // The feed repeats a guid (a revision): both are given; which one wins is the caller's rule.
    expect(copperAgain).toMatchObject({ guid: 'hw-2026-0301-copper', publishedAt: '2026-03-02T08:40:00.000Z' });
    // A guid is a permalink unless it says otherwise.
    expect(insurers).toMatchObject({ guid: 'https://wire.example.com/markets/2026/03/insurers', link: 'https://wire.example.com/markets/2026/03/insurers' });
    expect(insurers!.publishedAt).toBeUndefined();
  });

  test('RSS 1.0 (RDF) with Dublin Core', () => {
    const feed = parsed(fixture('rss1-rdf.xml'));
    expect(feed).toMatchObject({ format: 'rdf', title: 'Financial Conduct Board — Notices' });
    expect(entries(feed)).toEqual([
      expect.objectContaining({ guid: 'https://regulator.example.org/notices/2026-14', title: 'Board fines Northgate Bank for reporting failures', authors: ['Enforcement Division'], categories: ['Banking'], publishedAt: '2026-03-02T11:00:00.000Z' }),
    ]);
  });

  test('Atom 1.0: XHTML content, an HTML title as text, enclosure links, updated standing in for published', () => {
    const feed = parsed(fixture('atom-xhtml.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Lumen Energy — Press' });
    const [wind, cfo] = entries(feed);
    expect(wind).toMatchObject({
      title: 'Lumen Energy to build 1.2 GW offshore wind farm',
      link: '/press/2026/offshore-wind',
      authors: ['Lumen Energy Press Office'],
      categories: ['Energy', 'renewables'],
      publishedAt: '2026-03-02T06:00:00.000Z',
      updatedAt: '2026-03-02T08:30:00.000Z',
      images: [{ url: '/media/turbines.jpg', caption: 'Turbines off the Kessel coast' }],
    });
    expect(wind!.contentHtml).toMatch(/^\s*<p>Lumen Energy said on Monday it would build a <strong>1\.2 GW<\/strong> wind farm\./);
    expect(cfo).toMatchObject({ publishedAt: '2026-02-27T16:00:00.000Z', contentHtml: '<p>Dana Whitfield joins on 1 April &#38; reports to the chief executive.</p>' });
  });

  test('JSON Feed 1.1 and 1.0 (its single author)', () => {
    const current = parsed(fixture('json-feed-1.1.json'));
    expect(current).toMatchObject({ format: 'json-feed', title: 'Kestrel Markets Blog' });
    expect(entries(current)[0]).toMatchObject({ guid: 'kestrel-2026-031', authors: ['Ruth Adeyemi', 'Lars Holm'], categories: ['Bonds', 'Rates'], summaryHtml: '<p>Three reasons, &#38; one surprise.</p>' });
    expect(entries(current)[1]).toMatchObject({ contentHtml: '<p>A plain-text post.</p><p>With two paragraphs &#60;not html&#62;.</p>', images: [{ url: 'https://kestrel.example/blog/img/desk.jpg', caption: 'The trading desk' }] });
    const old = parsed(fixture('json-feed-1.0.json'));
    expect(entries(old)[0]).toMatchObject({ authors: ['Old Mill Communications'], publishedAt: '2026-02-20T14:00:00.000Z' });
  });

  test('ninjs 1.x (one object) and 2.x (NDJSON) read through the ninjs schema; a bad item is skipped with its reason', () => {
    const legacy = parsed(fixture('ninjs-1.x.json'));
    expect(legacy).toMatchObject({ format: 'ninjs', skipped: [] });
    expect(legacy.items[0]).toMatchObject({
      kind: 'ninjs',
      item: { uri: 'urn:newsml:harbour-wire.example:20260302:hw-1187', versionCreated: '2026-03-02T10:05:00Z', headlines: [{ role: 'main', value: 'Valdera port strike ends after union accepts offer' }], by: 'Mara Lindqvist' },
    });
    const lines = parsed(fixture('ninjs-2.x.ndjson'));
    expect(lines.items).toHaveLength(1);
    expect(lines.items[0]).toMatchObject({ kind: 'ninjs', item: { copyrightHolder: 'Harbour Wire', bodies: [{ contentType: 'text/plain' }] } });
    expect(lines.skipped).toEqual(['item 2: uri must be a string']);
  });

  test("the real ninjs examples (../shared/standards/ninjs) each read as one item, and together as an array", () => {
    const folder = new URL('../../../../shared/standards/ninjs/', import.meta.url);
    const examples = readdirSync(folder).filter((name) => name.startsWith('example-'));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const name of examples) {
      const feed = parsed(readFileSync(new URL(name, folder)), { contentType: 'application/json' });
      expect(feed, name).toMatchObject({ format: 'ninjs', skipped: [] });
      expect(feed.items, name).toHaveLength(1);
    }
    const all = `[${examples.map((name) => readFileSync(new URL(name, folder), 'utf8')).join(',')}]`;
    expect(parsed(Buffer.from(all)).items).toHaveLength(examples.length);
  });

  test(`at most ${MAX_FEED_ITEMS} items, saying the rest was left out`, () => {
    const items = Array.from({ length: 600 }, (_, index) => `<item><title>Item ${index}</title><guid>g${index}</guid></item>`).join('');
    const feed = parsed(Buffer.from(`<rss version="2.0"><channel><title>Long</title>${items}</channel></rss>`));
    expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
    expect(entries(feed).at(-1)!.guid).toBe('g499');
    expect(feed.skipped).toEqual([`Only the first ${MAX_FEED_ITEMS} items were read; the rest of the feed was left out.`]);
  });
});

describe('parseFeed: bytes to text', () => {
  const latin1Title = 'Société Générale übernimmt Café-Kette für £12 Mio.';

  test('ISO-8859-1 declared in the prolog, even when the server says UTF-8', () => {
    for (const contentType of [undefined, 'application/rss+xml', 'application/rss+xml; charset=utf-8']) {
      const feed = parsed(fixture('latin1.xml'), { contentType });
      expect(feed.title).toBe('Börsenbrief Zürich');
      expect(entries(feed)[0]).toMatchObject({ title: latin1Title, summaryHtml: 'Die Übernahme schließt im Frühjahr ab.' });
    }
  });

  test('the Content-Type charset, without a declaration; a byte order mark first of all', () => {
    const rss = (title: string) => `<rss version="2.0"><channel><title>${title}</title></channel></rss>`;
    expect(parsed(Buffer.from(rss('Zürich €'), 'latin1'), { contentType: 'text/xml; charset="ISO-8859-1"' }).title).toBe('Zürich ¬');
    expect(parsed(Buffer.from(rss('Zürich'), 'latin1'), { contentType: 'text/xml; charset=windows-1252' }).title).toBe('Zürich');
    expect(parsed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('Zürich 中国'))]), { contentType: 'text/xml; charset=iso-8859-1' }).title).toBe('Zürich 中国');
    expect(parsed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss('Zürich 中国'), 'utf16le')])).title).toBe('Zürich 中国');
  });
});

describe('parseFeed: refusals, each with a reason', () => {
  const refusal = (body: Buffer | string, options: { contentType?: string; format?: 'atom' } = {}) => parseFeed(Buffer.from(body), { url, ...options });

  test('XXE and billion laughs: entity declarations are refused before parsing', () => {
    const reason = 'The feed declares XML entities in a DOCTYPE (the pattern of XXE and "billion laughs" attacks): refused unread.';
    expect(refusal(fixture('xxe.xml'))).toEqual({ kind: 'refused', reason });
    expect(refusal(fixture('billion-laughs.xml'))).toEqual({ kind: 'refused', reason });
    expect(refusal(`<?xml version="1.0"?><!doctype rss [<!entity x "y">]><rss version="2.0"><channel><title>&x;</title></channel></rss>`)).toEqual({ kind: 'refused', reason });
  });

  test('a DOCTYPE without entities (RSS 0.91), or an HTML doctype inside CDATA, is read', () => {
    const rss091 = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>A</title><description><![CDATA[<!DOCTYPE html> [<!ENTITY> is how XXE starts]]]></description></item></channel></rss>`;
    expect(parsed(Buffer.from(rss091))).toMatchObject({ format: 'rss', title: 'Old', items: [{ title: 'A' }] });
  });

  test('what is not a feed', () => {
    expect(refusal('<!DOCTYPE html><html><body>Markets</body></html>')).toEqual({ kind: 'refused', reason: 'This is a web page (HTML), not a feed: give the address of its RSS, Atom or JSON feed.' });
    expect(refusal('<note><to>you</to></note>')).toEqual({ kind: 'refused', reason: 'This is not a feed: no RSS, Atom or RDF document, nor JSON Feed or ninjs.' });
    expect(refusal('{"hello": "world"}')).toEqual({ kind: 'refused', reason: 'This is JSON, but neither a JSON Feed (no "version": "https://jsonfeed.org/version/1.1") nor ninjs (no "uri").' });
    expect(refusal('{"uri": "x", ')).toEqual({ kind: 'refused', reason: 'This is not a feed: neither JSON Feed nor ninjs, and not valid JSON.' });
    expect(refusal('   ')).toEqual({ kind: 'refused', reason: 'The feed is empty.' });
    expect(refusal(Buffer.alloc(5 * 1024 * 1024 + 1, 32))).toEqual({ kind: 'refused', reason: 'The feed is larger than the 5 MB limit.' });
  });

  test('a format other than the one the source is set to', () => {
    expect(refusal(fixture('rss1-rdf.xml'), { format: 'atom' })).toEqual({
      kind: 'refused',
      reason: "The source is set to Atom, but https://feeds.example/feed is RSS 1.0 (RDF): change the source's format, or leave it to be detected.",
    });
  });
});
