import { AppError } from '../../../errors.js';
import type { RemoteImage } from '../../../content/media/index.js';
import type { Writer } from '../../../storage/index.js';
import { readTextChunks } from '../export-file.js';
import { importRunKey } from '../import-runs.js';
import { importStories, type ImportItem, type ImportOptions, type ImportReport } from '../import-stories.js';
import { loadSectionChoice } from '../section-choice.js';
import { readWxr } from './read-wxr.js';
import { wxrAttachmentImage, wxrItemToImport, type WxrContext } from './wxr-to-story.js';

/** How a WordPress export is read: the operator's options and the import's own. */
export interface WordPressImportOptions extends Omit<ImportOptions, 'runKey' | 'file' | 'source'> {
  categoriesAs: 'sections' | 'topics';
  /** `--section-map "Cat=slug,…"`. */
  sectionMap?: string;
  language: string;
}

/**
 * Imports a WordPress WXR export in two streaming passes: the first gathers what posts refer to
 * (the site, its authors, the featured images among its attachments, how many items there are),
 * the second maps and saves the posts in batches (importStories: resumable, idempotent).
 */
export async function importWordPressFile(writer: Writer, file: string, options: WordPressImportOptions): Promise<ImportReport> {
  const runKey = await importRunKey('wordpress', file);
  const sectionChoice = await loadSectionChoice(writer.db, options.sectionMap);
  const gathered = await gatherReferences(file);
  options.progress?.setTotal(gathered.items);
  const context: WxrContext = { ...gathered, ...sectionChoice, categoriesAs: options.categoriesAs, language: options.language };
  return importStories(writer, mapItems(file, context), { ...options, runKey, file, source: 'wordpress import' });
}

async function* mapItems(file: string, context: WxrContext): AsyncGenerator<ImportItem> {
  for await (const entry of readWxr(readTextChunks(file), file)) {
    if (entry.kind === 'item') yield wxrItemToImport(entry.item, context);
  }
}

/** The first pass: what posts refer to. Attachments are kept only while some post shows them as its featured image. */
async function gatherReferences(file: string): Promise<Pick<WxrContext, 'site' | 'authors' | 'attachments'> & { items: number }> {
  let site = '';
  const authors = new Map<string, string>();
  const attachments = new Map<string, RemoteImage>();
  const featured = new Set<string>();
  let items = 0;
  for await (const entry of readWxr(readTextChunks(file), file)) {
    if (entry.kind === 'site' && !site) site = hostOf(entry.url);
    else if (entry.kind === 'author') authors.set(entry.login, entry.displayName);
    else if (entry.kind === 'item') {
      items += 1;
      const { item } = entry;
      const thumbnail = item.meta.get('_thumbnail_id');
      if (item.postType === 'post' && thumbnail) featured.add(thumbnail);
      const image = item.postType === 'attachment' ? wxrAttachmentImage(item) : undefined;
      if (image) attachments.set(item.postId, image);
    }
  }
  if (!site) throw new AppError('IMPORT_NO_SITE', 'invalid', `${file}: no <channel><link> or <wp:base_site_url>: is this a WordPress export?`);
  for (const id of attachments.keys()) if (!featured.has(id)) attachments.delete(id);
  return { site, authors, attachments, items };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.replace(/[^a-z0-9.-]/gi, '').toLowerCase();
  }
}
