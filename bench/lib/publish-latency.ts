import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReadyDatabase } from '../../src/app-setup.js';
import { articlePath, findStoredArticleByUri } from '../../src/content/articles/index.js';
import { createChangeWriter } from '../../src/changes/index.js';
import { articleToNinjs, importNinjsFile } from '../../src/ingest/index.js';
import { median } from './statistics.js';
import { recordAudit } from '../../src/newsroom/index.js';

/** Milliseconds from an import committing to its new headline showing on the running server. */
export interface PublishLatency {
  articleMs: number;
  frontMs: number;
  trials: number;
}

async function waitForText(url: string, text: string, startedAt: number): Promise<number> {
  for (;;) {
    const body = await (await fetch(url)).text();
    if (body.includes(text)) return performance.now() - startedAt;
    if (performance.now() - startedAt > 10_000) throw new Error(`"${text}" did not appear on ${url} within 10 s`);
  }
}

/**
 * Imports a changed version of the newest story from this process (a separate database
 * connection, as the CLI would be) and times until the server shows the new headline on the
 * story's page and on the front page.
 */
export async function measurePublishLatency(databaseUrl: string, baseUrl: string, workDir: string, trials: number): Promise<PublishLatency> {
  const database = await openReadyDatabase({ databaseUrl });
  const articleTimes: number[] = [];
  const frontTimes: number[] = [];
  try {
    const newest = await database.db.selectFrom('articles').select('uri').where('status', '=', 'published').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
    for (let trial = 1; trial <= trials; trial++) {
      const stored = (await findStoredArticleByUri(database.db, newest.uri))!;
      const path = articlePath({ urlDate: stored.urlDate!, slug: stored.slug });
      // Both pages are cached before the change, as they would be on a busy site.
      await fetch(baseUrl + path);
      await fetch(baseUrl + '/');
      const title = `Benchmark headline ${Date.now()} ${trial}`;
      const file = join(workDir, `publish-${trial}.json`);
      writeFileSync(file, JSON.stringify({ ...articleToNinjs(stored), headlines: [{ role: 'main', value: title }] }));
      await importNinjsFile(createChangeWriter(database), file, {
        defaults: { language: 'en', source: 'benchmark' },
        context: { now: new Date(), timeZone: 'UTC', actor: 'benchmark' },
        audit: recordAudit,
      });
      const committedAt = performance.now();
      const [articleMs, frontMs] = await Promise.all([waitForText(baseUrl + path, title, committedAt), waitForText(baseUrl + '/', title, committedAt)]);
      articleTimes.push(articleMs);
      frontTimes.push(frontMs);
    }
  } finally {
    await database.close();
  }
  return { articleMs: median(articleTimes), frontMs: median(frontTimes), trials };
}
