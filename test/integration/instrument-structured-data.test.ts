/**
 * A story's ticker tags in its JSON-LD: a tagged share is a schema.org Corporation the story is
 * about, with its tickerSymbol ("XNYS HALD"); an index or an unknown symbol is not. A change to the
 * instrument purges the story's page; nothing else of the markets does.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkInstrument, createInstrument, findInstrument, updateInstrument, type InstrumentText } from '../../src/markets/instruments/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { readPageHead } from '../support/html-head.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

const context = { actorUserId: null, via: 'cli' as const, audit: recordAudit };
const halden: InstrumentText = { symbol: 'HALD', name: 'Halden Motors Inc', kind: 'equity', mic: 'XNYS', currency: 'USD', decimals: '2' };

describe('instruments in a story’s structured data', () => {
  let site: TestApp;
  const url = '/2024/03/01/halden-builds-a-second-plant/';
  const newsArticle = async () => {
    const { jsonLd } = readPageHead((await site.app.inject({ url })).body);
    const document = jsonLd[0] as { '@graph': Record<string, unknown>[] };
    return document['@graph'].find((node) => node['@type'] === 'NewsArticle')!;
  };

  beforeAll(async () => {
    site = await createTestApp();
    await site.writer.run(new Date(), async (work) => {
      await createInstrument(work, checkInstrument(halden), context);
      await createInstrument(work, checkInstrument({ ...halden, symbol: 'FSX100', name: 'Fortune Sky 100', kind: 'index' }), context);
    });
    await createArticles(site, [
      articleInput({
        uri: 'urn:sd:halden',
        title: 'Halden builds a second plant',
        publishedAt: '2024-03-01T10:00:00Z',
        tags: ['HALD', 'FSX100', 'NOPE'].map((name) => ({ kind: 'ticker' as const, name })),
      }),
    ]);
  });
  afterAll(() => site.close());

  test('a tagged share is a Corporation the story is about, with its MIC and symbol', async () => {
    expect((await newsArticle()).about).toEqual([{ '@type': 'Corporation', name: 'Halden Motors Inc', tickerSymbol: 'XNYS HALD' }]);
  });

  test('renaming the instrument purges the story’s page, which then shows the new name', async () => {
    await newsArticle();
    const hald = (await findInstrument(site.database.db, 'HALD'))!;
    await site.writer.run(new Date(), (work) => updateInstrument(work, hald.id, checkInstrument({ ...halden, name: 'Halden Motors Corp' }), hald.updatedAt, context));
    expect((await newsArticle()).about).toEqual([{ '@type': 'Corporation', name: 'Halden Motors Corp', tickerSymbol: 'XNYS HALD' }]);
  });
});
