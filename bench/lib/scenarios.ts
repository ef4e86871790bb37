import { openReadyDatabase } from '../../src/app-setup.js';
import { articlePath } from '../../src/content/articles/index.js';

/** URLs the load scenarios request, chosen from the generated archive. */
export interface ScenarioPaths {
  article: string;
  articleMix: string[];
  sectionPage5: string;
  topic: string;
}

/** Picks a recent story, 1,000 stories spread over the archive, a section's page 5 and a busy topic. */
export async function pickScenarioPaths(databaseUrl: string): Promise<ScenarioPaths> {
  const database = await openReadyDatabase({ databaseUrl });
  try {
    const { db } = database;
    const stories = await db.selectFrom('articles').select(['url_date', 'slug']).where('status', '=', 'published').orderBy('id').execute();
    const toPath = (row: { url_date: string | null; slug: string }) => articlePath({ urlDate: row.url_date!, slug: row.slug });
    const step = Math.max(1, Math.floor(stories.length / 1000));
    const articleMix = stories.filter((_, i) => i % step === 0).slice(0, 1000).map(toPath);
    const section = await db.selectFrom('sections').select('slug').orderBy('position').executeTakeFirstOrThrow();
    const topic = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.slug', (eb) => eb.fn.countAll().as('n')])
      .groupBy('tags.slug')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    return { article: toPath(stories[Math.floor(stories.length / 2)]!), articleMix, sectionPage5: `/${section.slug}/?page=5`, topic: `/topic/${topic.slug}/` };
  } finally {
    await database.close();
  }
}
