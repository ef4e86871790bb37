import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { FeedEntry } from './feed-item.js';
import { normalizeFeedItem, type NormalizeFeedItemOptions } from './normalize-feed-item.js';
import { parseFeed } from './parse-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url));
const source = (feedUrl: string): NormalizeFeedItemOptions => ({ feedUrl, sourceName: 'Harbour Wire', credit: 'Harbour Wire' });

function itemsOf(name: string, feedUrl: string) {
  const feed = parseFeed(fixture(name), { url: feedUrl });
  if (feed.kind !== 'parsed') throw new Error(feed.reason);
  return feed.items.map((item) => normalizeFeedItem(item, source(feedUrl)));
}

const entry = (fields: Partial<FeedEntry>): FeedEntry => ({ kind: 'entry', authors: [], categories: [], images: [], ...fields });

describe('normalizeFeedItem', () => {
  const feedUrl = 'https://wire.example.com/feeds/markets.xml';

  test('an RSS item: sanitized body, links and images absolute against the item, provenance, bylines, topics, images with credits', () => {
    const [copper] = itemsOf('rss2-edge-cases.xml', feedUrl);
    expect(copper!.input).toMatchObject({
      uri: 'feed:harbour-wire:hw-2026-0301-copper',
      title: 'Copper climbs to a two-year high as port strike drags on',
      dek: 'Prices rose 3% as the Port of Valdera strike entered its second week.',
      bylines: ['Mara Lindqvist', 'Tomas Okafor'],
      tags: [
        { kind: 'topic', name: 'Commodities' },
        { kind: 'topic', name: 'Metals' },
      ],
      canonicalUrl: 'https://wire.example.com/markets/2026/03/copper-high',
      source: 'Harbour Wire',
      publishedAt: '2026-03-02T07:15:00.000Z',
      updatedAt: null,
    });
    expect(copper!.input).not.toHaveProperty('status');
    const body = copper!.input.bodyHtml;
    expect(body).toContain('<a href="https://wire.example.com/markets/2026/analysis/strike">strike</a>');
    expect(body).toContain('<img src="https://wire.example.com/markets/2026/03/img/copper-chart.png" alt="Copper price chart" />');
    // Protocol-relative: made https like the page it came from, not dropped.
    expect(body).toContain('<img src="https://cdn.wire.example.com/copper.jpg"');
    expect(body).not.toMatch(/script|onclick|alert/);
    expect(copper!.provenance).toEqual({ guid: 'hw-2026-0301-copper', originalUrl: 'https://wire.example.com/markets/2026/03/copper-high', publishedAt: '2026-03-02T07:15:00.000Z' });
    expect(copper!.images).toEqual([
      { url: 'https://cdn.wire.example.com/photos/valdera-port.jpg', credit: 'Harbour Wire' },
      { url: 'https://cdn.wire.example.com/photos/cranes.jpg', caption: 'Idle cranes at the Port of Valdera.', credit: 'Ines Barros / Harbour Wire' },
    ]);
  });

  test('no guid: the uri is the normalised link; no date stays no date; bare text becomes a paragraph', () => {
    const [, vote] = itemsOf('rss2-edge-cases.xml', feedUrl);
    expect(vote!.input).toMatchObject({
      uri: 'feed:harbour-wire:https://wire.example.com/markets/2026/03/dockworkers-vote',
      bylines: ['Priya Raman'],
      bodyHtml: '<p>Union members will vote on Tuesday. No date was given for this item.</p>',
      dek: '',
      publishedAt: null,
    });
    expect(vote!.provenance).toEqual({ originalUrl: 'https://wire.example.com/markets/2026/03/dockworkers-vote?utm_source=rss' });
  });

  test('a repeated guid gives the same uri (the later version updates the story)', () => {
    const [first, , again] = itemsOf('rss2-edge-cases.xml', feedUrl);
    expect(again!.input.uri).toBe(first!.input.uri);
    expect(again!.input.publishedAt).toBe('2026-03-02T08:40:00.000Z');
  });

  test('Atom: XHTML body resolved against the item link, which is resolved against the feed', () => {
    const [wind] = itemsOf('atom-xhtml.xml', 'https://lumen-energy.example/press/atom.xml');
    expect(wind!.input).toMatchObject({
      title: 'Lumen Energy to build 1.2 GW offshore wind farm',
      canonicalUrl: 'https://lumen-energy.example/press/2026/offshore-wind',
      publishedAt: '2026-03-02T06:00:00.000Z',
      updatedAt: '2026-03-02T08:30:00.000Z',
      bylines: ['Lumen Energy Press Office'],
    });
    expect(wind!.input.bodyHtml).toContain('<a href="https://lumen-energy.example/press/investors/capex">Investor details</a>');
    expect(wind!.input.bodyHtml).toContain('<img src="https://lumen-energy.example/media/map.png" alt="Site map" />');
    expect(wind!.images).toEqual([{ url: 'https://lumen-energy.example/media/turbines.jpg', caption: 'Turbines off the Kessel coast', credit: 'Harbour Wire' }]);
  });

  test('JSON Feed: summary as dek, plain text as paragraphs, the image relative to the item', () => {
    const [yields, plain] = itemsOf('json-feed-1.1.json', 'https://kestrel.example/blog/feed.json');
    expect(yields!.input).toMatchObject({ dek: 'Three reasons, & one surprise.', bylines: ['Ruth Adeyemi', 'Lars Holm'], updatedAt: '2026-03-01T15:30:00.000Z' });
    expect(yields!.images).toEqual([{ url: 'https://kestrel.example/blog/img/yields.png', credit: 'Harbour Wire' }]);
    // No title: the opening of the text stands in.
    expect(plain!.input).toMatchObject({ title: 'A plain-text post. With two paragraphs <not html>.', bodyHtml: '<p>A plain-text post.</p><p>With two paragraphs &lt;not html&gt;.</p>' });
  });

  test('ninjs keeps its own uri (global by the standard), maps through the ninjs module, and brings its pictures with their credit', () => {
    const [legacy] = itemsOf('ninjs-1.x.json', feedUrl);
    expect(legacy!.input).toMatchObject({
      uri: 'urn:newsml:harbour-wire.example:20260302:hw-1187',
      title: 'Valdera port strike ends after union accepts offer',
      dek: 'Ships queue to unload as work resumes.',
      bylines: ['Mara Lindqvist'],
      tags: [
        { kind: 'topic', name: 'Labour' },
        { kind: 'place', name: 'Valdera' },
      ],
      source: 'Harbour Wire',
    });
    expect(legacy!.provenance).toEqual({ guid: 'urn:newsml:harbour-wire.example:20260302:hw-1187', publishedAt: '2026-03-02T09:50:00Z', updatedAt: '2026-03-02T10:05:00Z' });

    const folder = new URL('../../../../shared/standards/ninjs/', import.meta.url);
    const tt = readdirSync(folder).find((name) => name.includes('tt_text_image'))!;
    const feed = parseFeed(readFileSync(new URL(tt, folder)), { url: feedUrl });
    if (feed.kind !== 'parsed') throw new Error(feed.reason);
    const story = normalizeFeedItem(feed.items[0]!, source(feedUrl));
    expect(story.input.title).toBe('Militärövning i jätteformat hålls 2023');
    expect(story.images[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/.*\.jpg$/), credit: 'Karl Melander/TT', caption: expect.stringContaining('Aurora 17') });
  });

  test('an item with neither title nor text cannot be a story: an error saying so', () => {
    expect(() => normalizeFeedItem(entry({ guid: 'x' }), source(feedUrl))).toThrow('The item has neither a title nor any text.');
  });

  test('very long guids are hashed into the uri; javascript: links are no canonical URL', () => {
    const story = normalizeFeedItem(entry({ guid: 'g'.repeat(5000), title: 'T', link: 'javascript:alert(1)' }), source(feedUrl));
    expect(story.input.uri).toMatch(/^feed:harbour-wire:sha256:[0-9a-f]{64}$/);
    expect(story.input.canonicalUrl).toBeNull();
  });

  test('no guid and no link: the uri is a hash of the copy, the same on every poll', () => {
    const once = normalizeFeedItem(entry({ title: 'Flash', summaryHtml: 'Rates cut' }), source(feedUrl));
    const again = normalizeFeedItem(entry({ title: 'Flash', summaryHtml: 'Rates cut' }), source(feedUrl));
    expect(once.input.uri).toMatch(/^feed:harbour-wire:text:[0-9a-f]{64}$/);
    expect(again.input.uri).toBe(once.input.uri);
  });
});
