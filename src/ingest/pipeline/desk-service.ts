import { saveArticle } from '../../content/articles/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { setStoryWorkflow, type StoryAuditWriter } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { storyInputFor } from './ingest-items.js';
import { findItem, moveItem } from './item-store.js';
import { findSource } from './source-store.js';

/** Who acts on the desk, and when. */
export interface DeskContext {
  userId: number;
  userName: string;
  now: Date;
  timeZone: string;
  audit: StoryAuditWriter;
}

function notFound(): AppError {
  return new AppError('INGEST_ITEM_NOT_FOUND', 'not_found', 'There is no such item on the desk: its source may have been deleted.');
}

/**
 * "Take": an incoming item becomes a draft in the workflow, owned by the editor who took it, with
 * the suggested section, topics and tickers applied and its provenance kept (the source's credit,
 * the original link as canonical). One unit of work; the item moves from incoming to taken by a
 * conditional UPDATE first, so of two editors taking it at once one makes the draft and the other
 * is sent to that draft. Taking an item already taken answers its story.
 */
export async function takeItem(writer: Writer, itemId: number, context: DeskContext): Promise<{ articleId: number }> {
  return writer.run(context.now, async (work) => {
    const { trx } = work;
    const item = await findItem(trx, itemId);
    if (!item) throw notFound();
    if (!(await moveItem(trx, itemId, 'incoming', { status: 'taken', userId: context.userId, now: context.now }))) {
      const current = await findItem(trx, itemId);
      if (current?.articleId != null) return { articleId: current.articleId };
      throw new AppError('INGEST_ITEM_DECIDED', 'conflict', `This item is ${current?.status ?? 'gone'}: only incoming items can be taken.`);
    }
    const source = await findSource(trx, item.sourceId);
    if (!source) throw notFound();
    const sectionSlugs = new Set((await listSections(trx)).map((section) => section.slug));
    const input = storyInputFor(source, item.item, item.guid, item.suggestions, 'draft', sectionSlugs);
    const saved = await saveArticle(work, input, { now: context.now, timeZone: context.timeZone, actor: context.userName, note: `Taken from ${source.name}` });
    await setStoryWorkflow(trx, saved.id, { createdByUserId: context.userId }, context.now);
    await trx.updateTable('ingest_items').set({ article_id: saved.id }).where('id', '=', itemId).execute();
    await context.audit(trx, { actorUserId: context.userId, action: 'ingest.taken', subject: `story:${saved.id}`, detail: { item: itemId, source: source.name, title: input.title } }, context.now);
    return { articleId: saved.id };
  });
}

/** "Spike": an incoming item is set aside (kept, listed under spiked); a conditional UPDATE, audited. */
export async function spikeItem(writer: Writer, itemId: number, context: DeskContext): Promise<void> {
  await writer.run(context.now, async ({ trx }) => {
    const item = await findItem(trx, itemId);
    if (!item) throw notFound();
    if (!(await moveItem(trx, itemId, 'incoming', { status: 'spiked', userId: context.userId, now: context.now }))) {
      throw new AppError('INGEST_ITEM_DECIDED', 'conflict', `This item is ${item.status} already: only incoming items can be spiked.`);
    }
    await context.audit(trx, { actorUserId: context.userId, action: 'ingest.spiked', subject: `ingest-item:${itemId}`, detail: { title: item.title } }, context.now);
  });
}
