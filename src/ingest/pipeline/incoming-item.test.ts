import { describe, expect, test } from 'vitest';
import { isNewerVersion, itemGuid, itemVersionTime, storyUriFor, tagsWithSuggestions, type IncomingItem, type ItemSuggestions } from './incoming-item.js';

function item(overrides: { uri?: string; guid?: string; originalUrl?: string; publishedAt?: string; updatedAt?: string } = {}): IncomingItem {
  return {
    input: { uri: overrides.uri ?? '', title: 'T', dek: '', excerpt: null, bodyHtml: '', section: null, bylines: [], tags: [], canonicalUrl: null, source: 's', language: 'en', publishedAt: null, updatedAt: null },
    provenance: { guid: overrides.guid, originalUrl: overrides.originalUrl, publishedAt: overrides.publishedAt, updatedAt: overrides.updatedAt },
    images: [],
  };
}

describe('item identity and versions', () => {
  test('the guid is the source’s guid, else the uri, else the link', () => {
    expect(itemGuid(item({ guid: 'g', uri: 'u', originalUrl: 'l' }))).toBe('g');
    expect(itemGuid(item({ uri: 'u', originalUrl: 'l' }))).toBe('u');
    expect(itemGuid(item({ originalUrl: 'l' }))).toBe('l');
    expect(itemGuid(item())).toBe('');
  });

  test('the version time is the update time, else the publication time, as ISO; unreadable times count as none', () => {
    expect(itemVersionTime(item({ publishedAt: '2026-06-01T08:00:00+02:00', updatedAt: '2026-06-01T09:00:00Z' }))).toBe('2026-06-01T09:00:00.000Z');
    expect(itemVersionTime(item({ publishedAt: '2026-06-01T08:00:00+02:00' }))).toBe('2026-06-01T06:00:00.000Z');
    expect(itemVersionTime(item({ publishedAt: 'yesterday' }))).toBeNull();
  });

  test('only a newer time is a revision; an item without times never is', () => {
    expect(isNewerVersion('2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')).toBe(true);
    expect(isNewerVersion(null, '2026-06-01T09:00:00.000Z')).toBe(true);
    expect(isNewerVersion('2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z')).toBe(false);
    expect(isNewerVersion('2026-06-01T09:00:00.000Z', '2026-06-01T08:00:00.000Z')).toBe(false);
    expect(isNewerVersion(null, null)).toBe(false);
  });

  test('a story keeps an item’s uri when it is a URI, else gets one scoped to its source', () => {
    expect(storyUriFor(3, item({ uri: 'urn:newsml:x:1' }), 'urn:newsml:x:1')).toBe('urn:newsml:x:1');
    expect(storyUriFor(3, item({ uri: 'https://w.example/1' }), 'https://w.example/1')).toBe('https://w.example/1');
    expect(storyUriFor(3, item({ uri: '1234' }), '1234')).toBe('urn:fortune-sky:ingest:3:1234');
  });
});

test('confident topics and tickers join the item’s own tags once; the rest are only shown', () => {
  const suggestions: ItemSuggestions = {
    sections: [{ value: 'markets', kind: 'section', confidence: 0.9, evidence: '' }],
    topics: [
      { value: 'Ingrid Vass', kind: 'person', confidence: 0.8, evidence: '' },
      { value: 'Oil', kind: 'organisation', confidence: 0.9, evidence: '' },
      { value: 'Dublin', kind: 'place', confidence: 0.4, evidence: '' },
    ],
    tickers: [{ value: 'LUMA', kind: 'ticker', confidence: 0.7, evidence: '' }],
  };
  const tags = tagsWithSuggestions({ tags: [{ kind: 'organisation', name: 'oil' }] }, suggestions);
  expect(tags).toEqual([
    { kind: 'organisation', name: 'oil' },
    { kind: 'person', name: 'Ingrid Vass' },
    { kind: 'ticker', name: 'LUMA' },
  ]);
});
