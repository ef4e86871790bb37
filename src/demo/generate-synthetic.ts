import { calendarDate, insertArticlesInBulk, maxArticleId, SYNTHETIC_SOURCE, type BulkArticle } from '../content/articles/index.js';
import { findOrCreateAuthor, findOrCreateTag, listSections } from '../content/taxonomy/index.js';
import { deriveTeaser, slugify } from '../content/text/index.js';
import type { Writer } from '../storage/index.js';
import { createParagraphWriter, createRandom, pick, pickInt, syntheticHeadline, syntheticName } from './synthetic-text.js';
import type { StoryAuditWriter } from '../content/stories/index.js';

/** How big a synthetic data set to make. */
export interface SyntheticOptions {
  articles: number;
  authors?: number;
  topics?: number;
  /** Publication times spread over this many years before `now`. */
  years?: number;
  seed?: number;
  now: Date;
  timeZone: string;
  /** Each batch is audited in its transaction. */
  audit: StoryAuditWriter;
}

const FIRST_NAMES = ['Ana', 'Bo', 'Chen', 'Dara', 'Elif', 'Femi', 'Greta', 'Hiro', 'Isla', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST_NAMES = ['Abara', 'Brandt', 'Castillo', 'Dumont', 'Eriksen', 'Fujita', 'Gallo', 'Haddad', 'Ivanova', 'Jensen', 'Kaur', 'Lindgren', 'Moreau', 'Nakamura', 'Osei', 'Petrov'];
const BATCH = 5000;

/**
 * Fills the database with synthetic published stories (marked with the "synthetic" source) for
 * benchmarks: realistic lengths (400–1,200 words), every section, a pool of authors and topics,
 * times spread over several years. Deterministic for a seed. Returns how many it wrote.
 */
export async function generateSyntheticArticles(writer: Writer, options: SyntheticOptions): Promise<number> {
  const random = createRandom(options.seed ?? 42);
  const { db } = writer;
  const sections = await listSections(db);
  const now = options.now;
  const spanMs = (options.years ?? 5) * 365.25 * 24 * 3600_000;

  const { authorIds, tagIds } = await writer.run(now, async ({ trx }) => {
    const authorIds: number[] = [];
    for (let i = 0; i < (options.authors ?? 50); i++) {
      const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]} ${i + 1}`;
      authorIds.push((await findOrCreateAuthor(trx, name, now)).id);
    }
    const tagIds: number[] = [];
    for (let i = 0; i < (options.topics ?? 2000); i++) {
      tagIds.push((await findOrCreateTag(trx, 'topic', `${syntheticName(random)} ${i + 1}`)).id);
    }
    return { authorIds, tagIds };
  });

  const writeParagraphs = createParagraphWriter(random);
  // Times in order, as a real archive grows: newer stories get higher ids, and the time-ordered
  // indexes are appended to rather than split all over (several times faster to load).
  const publishedTimes = Array.from({ length: options.articles }, () => now.getTime() - Math.floor(random() * spanMs)).sort((a, b) => a - b);
  let nextId = (await maxArticleId(db)) + 1;
  for (let done = 0; done < options.articles; done += BATCH) {
    const batch: BulkArticle[] = [];
    for (let i = done; i < Math.min(done + BATCH, options.articles); i++) {
      const id = nextId++;
      const title = syntheticHeadline(random);
      const { paragraphs, words } = writeParagraphs(pickInt(random, 400, 1200));
      const published = new Date(publishedTimes[i]!);
      published.setUTCSeconds(0, 0);
      const publishedAt = published.toISOString();
      batch.push({
        id,
        row: {
          uri: `urn:fortune-sky:synthetic:${id}`,
          slug: `${slugify(title, 60)}-${id.toString(36)}`,
          url_date: calendarDate(publishedAt, options.timeZone),
          status: 'published',
          title,
          dek: '',
          excerpt: null,
          teaser: deriveTeaser(paragraphs[0]!.length > 200 ? paragraphs[0]! : paragraphs.join(' ')),
          body_html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
          section_id: pick(random, sections).id,
          language: 'en',
          canonical_url: null,
          source: SYNTHETIC_SOURCE,
          word_count: words,
          published_at: publishedAt,
          updated_at: null,
          created_at: publishedAt,
          modified_at: publishedAt,
          revision: 1,
        },
        authorIds: uniqueSample(random, authorIds, random() < 0.8 ? 1 : 2),
        tagIds: uniqueSample(random, tagIds, pickInt(random, 2, 5)),
      });
    }
    await writer.run(now, async (work) => {
      await insertArticlesInBulk(work, batch);
      const detail = { created: batch.length, firstId: batch[0]!.id, lastId: batch.at(-1)!.id };
      await options.audit(work.trx, { actorUserId: null, action: 'stories.bulk_loaded', subject: 'synthetic', detail }, now);
    });
  }
  return options.articles;
}

function uniqueSample(random: () => number, list: number[], count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}
