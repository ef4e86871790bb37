import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sourceFile } from '../source-root.js';
import { escapeHtml, SAMPLE_SOURCE, type ArticleInput, type TagRef } from '../content/articles/index.js';
import { findOrCreateAuthor, updateAuthorBio } from '../content/taxonomy/index.js';
import { slugify } from '../content/text/index.js';
import { saveArticlesInTransaction, type ImportSummary } from '../ingest/index.js';
import type { Work, Writer } from '../storage/index.js';
import type { StoryAuditWriter } from '../content/stories/index.js';
import { DEMO_INSTRUMENTS } from '../markets/demo/demo-instruments.js';
import { checkInstrument, instrumentText, upsertInstruments, type InstrumentFields } from '../markets/instruments/index.js';

const names = z.array(z.string().min(1)).default([]);

const DemoSetSchema = z.object({
  notice: z.string(),
  authors: z.array(z.object({ name: z.string().min(1), bio: z.string() })),
  articles: z.array(
    z.object({
      title: z.string().min(1),
      dek: z.string().default(''),
      section: z.string().min(1),
      authors: z.array(z.string().min(1)).min(1),
      topics: names,
      people: names,
      organisations: names,
      places: names,
      /** Symbols of the demo instruments the story is about (src/markets/demo/demo-instruments.ts). */
      tickers: names,
      hoursAgo: z.number().nonnegative(),
      paragraphs: z.array(z.string().min(1)).min(1),
    }),
  ),
});

type DemoSet = z.infer<typeof DemoSetSchema>;

/** Reads the demo set shipped with the project. */
export function readDemoSet(): DemoSet {
  const text = readFileSync(sourceFile('demo/demo-articles.json'), 'utf8');
  return DemoSetSchema.parse(JSON.parse(text));
}

/** "## Heading" → h2, "> quote" → blockquote, anything else → a paragraph. */
export function demoParagraphsToHtml(paragraphs: string[]): string {
  return paragraphs
    .map((block) => {
      if (block.startsWith('## ')) return `<h2>${escapeHtml(block.slice(3).trim())}</h2>`;
      if (block.startsWith('> ')) return `<blockquote><p>${escapeHtml(block.slice(2).trim())}</p></blockquote>`;
      return `<p>${escapeHtml(block.trim())}</p>`;
    })
    .join('');
}

/** The demo stories as input, published at their offsets before `now`. */
export function demoArticleInputs(set: DemoSet, now: Date): ArticleInput[] {
  return set.articles.map((article) => {
    const tags: TagRef[] = [
      ...article.topics.map((name) => ({ kind: 'topic' as const, name })),
      ...article.people.map((name) => ({ kind: 'person' as const, name })),
      ...article.organisations.map((name) => ({ kind: 'organisation' as const, name })),
      ...article.places.map((name) => ({ kind: 'place' as const, name })),
      ...article.tickers.map((name) => ({ kind: 'ticker' as const, name })),
    ];
    const publishedAt = new Date(now.getTime() - Math.round(article.hoursAgo * 3600_000));
    publishedAt.setUTCSeconds(0, 0);
    return {
      uri: `urn:fortune-sky:sample:${slugify(article.title)}`,
      status: 'published',
      title: article.title,
      dek: article.dek,
      excerpt: null,
      bodyHtml: demoParagraphsToHtml(article.paragraphs),
      section: article.section,
      bylines: article.authors,
      tags,
      canonicalUrl: null,
      source: SAMPLE_SOURCE,
      language: 'en',
      publishedAt: publishedAt.toISOString(),
      updatedAt: null,
    };
  });
}

/** When the demo set is loaded, and where its audit row goes. */
export interface DemoLoadOptions {
  now: Date;
  timeZone: string;
  audit: StoryAuditWriter;
}

/** The demo instruments as the instruments table holds them. */
export function demoInstrumentFields(): InstrumentFields[] {
  // Checked as a form's text would be, so the demo set meets every rule an editor's instrument does.
  return DEMO_INSTRUMENTS.map(({ startPrice: _startPrice, ...fields }) => checkInstrument(instrumentText({ ...fields, isin: null })));
}

/** Loads the demo set (authors with bios, the demo instruments, then stories) in one unit of work. */
export async function loadDemoContent(writer: Writer, options: DemoLoadOptions): Promise<ImportSummary> {
  return writer.run(options.now, (work) => loadDemoSet(work, options));
}

/**
 * Loads the demo set when the database holds no stories, deciding and loading in one unit of work
 * (a write transaction), so of several processes starting at once on a new database one loads it;
 * returns undefined when there were stories already.
 */
export async function loadDemoContentIfEmpty(writer: Writer, options: DemoLoadOptions): Promise<ImportSummary | undefined> {
  return writer.run(options.now, async (work) => {
    await work.lock('first-start');
    const hasArticles = (await work.trx.selectFrom('articles').select('id').limit(1).executeTakeFirst()) !== undefined;
    return hasArticles ? undefined : loadDemoSet(work, options);
  });
}

async function loadDemoSet(work: Work, options: DemoLoadOptions): Promise<ImportSummary> {
  const { trx, dirty } = work;
  const set = readDemoSet();
  for (const author of set.authors) {
    const stored = await findOrCreateAuthor(trx, author.name, options.now);
    await updateAuthorBio(trx, stored.id, author.bio);
    dirty([`author:${stored.slug}`]);
  }
  // Added or put back as shipped, by symbol: loading again adds nothing twice.
  await upsertInstruments(work, demoInstrumentFields(), { actorUserId: null, via: 'demo', audit: options.audit });
  const summary = await saveArticlesInTransaction(work, 'demo content', demoArticleInputs(set, options.now), {
    now: options.now,
    timeZone: options.timeZone,
    actor: 'demo',
    note: 'Demo content',
  });
  await options.audit(trx, { actorUserId: null, action: 'stories.demo_loaded', subject: 'demo', detail: { ...summary } }, options.now);
  return summary;
}
