import type { Kysely } from 'kysely';
import { presentArticle } from '../api/index.js';
import { articlePath, findPublishedArticleById } from '../content/articles/index.js';
import { enqueueJob, type ArticleEvent, type Schema, type Transaction } from '../storage/index.js';
import { newMessageId } from './webhook-signature.js';
import { insertMessage, listEndpoints } from './webhook-store.js';

/** The job that sends one message to one endpoint; its key is `messageId:endpointId`. */
export const WEBHOOK_DELIVERY_JOB = 'webhook.deliver';

/** The job key of a message's delivery to an endpoint: one job per pair (the queue's kind+key uniqueness). */
export function deliveryJobKey(messageId: string, endpointId: number): string {
  return `${messageId}:${endpointId}`;
}

/**
 * The unit of work's `onEvents` for webhooks: for each story event with endpoints that hear it,
 * one message (its JSON body built now, from the story as this transaction sees it) and one
 * delivery job per endpoint, committed with the change or not at all. The transaction runs once,
 * on whichever instance made the change, so each (event, endpoint) is delivered once; the send
 * happens after the commit, in a worker, so publishing never waits for a receiver.
 */
export function enqueueWebhookDeliveries({ siteUrl }: { siteUrl: string }) {
  return async (trx: Transaction, events: ArticleEvent[], now: Date): Promise<void> => {
    const endpoints = (await listEndpoints(trx)).filter((endpoint) => endpoint.isEnabled);
    for (const event of events) {
      const listeners = endpoints.filter((endpoint) => endpoint.events.includes(event.type));
      if (listeners.length === 0) continue;
      const data = await articleData(trx, event, siteUrl);
      if (!data) continue;
      const id = newMessageId();
      const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data });
      await insertMessage(trx, { id, type: event.type, articleId: event.articleId, body }, now);
      for (const endpoint of listeners) {
        await enqueueJob(trx, { kind: WEBHOOK_DELIVERY_JOB, key: deliveryJobKey(id, endpoint.id), runAt: now }, now);
      }
    }
  };
}

// A live story as the Content API shows it (GET /api/v1/articles/{id}); an unpublished one is no
// longer public, so only what identifies it: its id, its former address and its title.
async function articleData(db: Kysely<Schema>, event: ArticleEvent, siteUrl: string): Promise<object | undefined> {
  if (event.type !== 'article.unpublished') {
    const article = await findPublishedArticleById(db, event.articleId);
    return article && presentArticle(article, { siteUrl });
  }
  const row = await db.selectFrom('articles').select(['id', 'title', 'url_date', 'slug']).where('id', '=', event.articleId).executeTakeFirst();
  if (!row) return undefined;
  const path = row.url_date ? articlePath({ urlDate: row.url_date, slug: row.slug }) : null;
  return { id: Number(row.id), url: path && `${siteUrl}${path}`, path, title: row.title };
}
