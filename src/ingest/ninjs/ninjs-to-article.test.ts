import { describe, expect, test } from 'vitest';
import { NinjsItemSchema } from './ninjs-item.js';
import { ninjsToArticle, parseByline } from './ninjs-to-article.js';

describe('parseByline on hostile input', () => {
  test('a byline with a 200,000-space gap splits in linear time (the old pattern backtracked quadratically: minutes)', () => {
    expect(parseByline(`By Jane Doe${' '.repeat(200_000)}and John Roe`)).toEqual(['Jane Doe', 'John Roe']);
    expect(parseByline(`Ana${' '.repeat(200_000)}`)).toEqual(['Ana']);
  });

  test('separators with or without spaces around them', () => {
    expect(parseByline('Jane Doe,John Roe ; Ana Cruz&Li Wei und Max Mustermann')).toEqual(['Jane Doe', 'John Roe', 'Ana Cruz', 'Li Wei', 'Max Mustermann']);
  });
});

describe('tickers in ninjs', () => {
  const read = (item: Record<string, unknown>) => ninjsToArticle(NinjsItemSchema.parse({ uri: 'urn:t:1', headlines: [{ value: 'Halden' }], bodies: [{ contentType: 'text/plain', value: 'Text.' }], ...item }), { language: 'en', source: 'wire' }).tags;

  test('an organisation’s symbols (ninjs 3.x) become ticker tags beside the organisation', () => {
    const tags = read({
      organisations: [
        { name: 'Halden Motors Inc', symbols: [{ symbol: 'HALD', exchange: 'XNYS' }, { symbol: 'HALD.DE', symbolType: 'http://cv.iptc.org/newscodes/financialinstrumentsymboltype/ticker' }] },
        { name: 'Lumora Inc', symbols: [{ symbol: ' ' }] },
      ],
    });
    expect(tags).toEqual([
      { kind: 'organisation', name: 'Halden Motors Inc' },
      { kind: 'organisation', name: 'Lumora Inc' },
      { kind: 'ticker', name: 'HALD' },
      { kind: 'ticker', name: 'HALD.DE' },
    ]);
  });

  test('an organisation written for its ticker alone is no organisation tag; older subjects marked ticker still read, each symbol once', () => {
    const tags = read({ organisations: [{ name: 'HALD', rel: 'ticker', symbols: [{ symbol: 'HALD' }] }], subjects: [{ name: 'HALD', rel: 'ticker' }, { name: 'LUMA', rel: 'ticker' }] });
    expect(tags).toEqual([
      { kind: 'ticker', name: 'HALD' },
      { kind: 'ticker', name: 'LUMA' },
    ]);
  });
});
