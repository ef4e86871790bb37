import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import demo from '../../demo/demo-articles.json' with { type: 'json' };
import { duplicateSignature } from './duplicate-signature.js';
import { fileStory, type FilingTools, type IncomingStory } from './file-story.js';
import { NearDuplicateIndex } from './near-duplicate-index.js';
import { createSectionClassifier, trainSectionModel } from './section-classifier.js';
import { lexiconSectionsFor } from './section-lexicon.js';
import { createTickerDetector, type Instrument } from './ticker-detector.js';

const { instruments } = JSON.parse(readFileSync(new URL('../../../test/fixtures/ingest/demo-instruments.json', import.meta.url), 'utf8')) as { instruments: Instrument[] };
const HOUR = 3_600_000;
const now = Date.parse('2026-06-01T12:00:00Z');

function buildTools(): FilingTools {
  const model = trainSectionModel(demo.articles.map((a) => ({ section: a.section.toLowerCase(), text: [a.title, a.dek, ...a.paragraphs].join('\n') })));
  const duplicates = new NearDuplicateIndex();
  // A busy window: every demo story, filed a minute apart over the last two days, several times over.
  for (let i = 0; i < 2_000; i++) {
    const article = demo.articles[i % demo.articles.length]!;
    duplicates.add(`window-${i}`, now - 47 * HOUR + i * 60_000, duplicateSignature({ headline: `${article.title} ${i}`, lead: article.dek }));
  }
  return { duplicates, sections: createSectionClassifier({ model, lexiconSections: lexiconSectionsFor(['markets', 'business', 'industries', 'internet']) }), tickers: createTickerDetector(instruments) };
}

// A 1,000-word story: demo paragraphs, with names from the instrument list.
function thousandWordStory(): IncomingStory {
  const words = demo.articles.flatMap((a) => a.paragraphs).join(' ').split(/\s+/).slice(0, 960).join(' ');
  return {
    headline: 'Lumora (NASDAQ: LUMA) shares jump as Northwind Grid signs cloud deal',
    lead: 'Lumora said on Tuesday that Northwind Grid would move its billing to the company’s cloud, in a deal worth $120 million over five years.',
    bodyText: `${words} Chief executive Ingrid Vass said $LUMA would hire in Dublin.`,
    publishedAt: now,
    url: 'https://wire.example.com/lumora-northwind/?utm_source=rss#top',
  };
}

describe('fileStory', () => {
  const tools = buildTools();
  const story = thousandWordStory();

  test('keys, duplicate, sections, topics and tickers for one item', () => {
    const result = fileStory(story, tools);
    expect(result.keys.url).toBe('https://wire.example.com/lumora-northwind');
    expect(result.keys.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.nearDuplicate).toBeUndefined();
    expect(result.sections[0]).toMatchObject({ kind: 'section' });
    expect(result.tickers.map((ticker) => ticker.value)).toEqual(expect.arrayContaining(['LUMA', 'NWG']));
    expect(result.topics).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'Ingrid Vass', kind: 'person' }), expect.objectContaining({ value: 'Dublin', kind: 'place' })]));
  });

  test('a rewrite of a story in the window is found once that story is added', () => {
    const first = fileStory(story, tools);
    tools.duplicates.add('lumora-deal', story.publishedAt, first.signature);
    const rewrite = fileStory(
      {
        ...story,
        headline: 'Northwind Grid picks Lumora cloud in $120m five-year deal; Lumora shares jump',
        lead: 'Northwind Grid will move billing to Lumora’s cloud under a five-year contract worth $120m, Lumora said on Tuesday.',
        url: 'https://other.example.org/n/123',
        publishedAt: now + HOUR,
      },
      tools,
    );
    expect(rewrite.nearDuplicate?.id).toBe('lumora-deal');
    tools.duplicates.remove('lumora-deal');
  });

  test('cost per 1,000-word item, reported (CPU time, on a shared machine)', () => {
    for (let i = 0; i < 50; i++) fileStory(story, tools);
    const runs = 500;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runs; i++) fileStory({ ...story, headline: `${story.headline} ${i}` }, tools);
    const wallMs = (performance.now() - started) / runs;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1_000 / runs;
    console.log(`filing a 1,000-word story: ${(cpuMs * 1_000).toFixed(0)} µs CPU, ${(wallMs * 1_000).toFixed(0)} µs wall per item (index of ${tools.duplicates.size} items)`);
    expect(cpuMs).toBeLessThan(2);
  });
});
