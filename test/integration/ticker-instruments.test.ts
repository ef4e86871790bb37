/**
 * The ingest's ticker detector reads the instruments table: a worker rebuilds it when the table
 * changed (count and latest change), so an instrument added in the newsroom is suggested in the
 * next batch, and a deleted one no longer is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createIngestTools, type ItemSuggestions } from '../../src/ingest/pipeline/index.js';
import { checkInstrument, createInstrument, deleteInstrument, instrumentsVersion, loadTickerInstruments, refreshTickerDetector } from '../../src/markets/instruments/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
const drops = createTempDir('fortune-sky-drops-');
const dir = join(drops.dir, 'wire');
const context = { actorUserId: null, via: 'cli' as const, audit: recordAudit };
const story = 'Halden Motors said on Tuesday that it would build a second plant. Shares of Halden rose 4 per cent.';

beforeAll(async () => {
  mkdirSync(dir);
  site = await createTestApp({ INGEST_DIR: dir });
});
afterAll(async () => {
  await site.close();
  drops.remove();
});

const addHalden = () =>
  site.writer.run(new Date(), (work) =>
    createInstrument(work, checkInstrument({ symbol: 'HALD', name: 'Halden Motors Inc', kind: 'equity', mic: 'XNYS', currency: 'USD', decimals: '2', aliases: 'Halden' }), context),
  );

test('a worker rebuilds its detector only when the instruments changed', async () => {
  const tools = createIngestTools();
  expect(await refreshTickerDetector(site.database.db, tools)).toBe(true);
  expect(tools.filing.tickers.detect(story)).toEqual([]);
  expect(await refreshTickerDetector(site.database.db, tools)).toBe(false);

  const before = await instrumentsVersion(site.database.db);
  const id = await addHalden();
  expect(await instrumentsVersion(site.database.db)).not.toBe(before);
  expect(await loadTickerInstruments(site.database.db)).toEqual([{ symbol: 'HALD', exchange: 'XNYS', name: 'Halden Motors Inc', aliases: ['Halden'] }]);
  expect(await refreshTickerDetector(site.database.db, tools)).toBe(true);
  expect(tools.filing.tickers.detect(story)).toMatchObject([{ kind: 'ticker', value: 'HALD' }]);
  expect(await refreshTickerDetector(site.database.db, tools)).toBe(false);

  await site.writer.run(new Date(), (work) => deleteInstrument(work, id, context));
  expect(await refreshTickerDetector(site.database.db, tools)).toBe(true);
  expect(tools.filing.tickers.detect(story)).toEqual([]);
});

test('the server’s ingest suggests an instrument added after it started', async () => {
  await addHalden();
  writeFileSync(join(dir, 'halden.json'), JSON.stringify({ uri: 'urn:drop:halden', headlines: [{ value: 'Halden Motors to build a second plant' }], bodies: [{ contentType: 'text/html', value: `<p>${story}</p>` }] }));
  expect(await site.watchedFolder!.scan()).toMatchObject([{ file: 'halden.json', outcome: 'done' }]);
  const item = await site.database.db.selectFrom('ingest_items').select('suggestions').where('guid', '=', 'urn:drop:halden').executeTakeFirstOrThrow();
  const suggestions = JSON.parse(item.suggestions) as ItemSuggestions;
  expect(suggestions.tickers).toMatchObject([{ value: 'HALD', kind: 'ticker' }]);
});
