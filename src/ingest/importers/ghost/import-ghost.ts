import type { Writer } from '../../../storage/index.js';
import { readTextChunks } from '../export-file.js';
import { importRunKey } from '../import-runs.js';
import { importStories, type ImportItem, type ImportOptions, type ImportReport } from '../import-stories.js';
import { scanJsonArrays, type ArrayElementUse } from '../json-array-scanner.js';
import { AppError } from '../../../errors.js';
import { loadSectionChoice } from '../section-choice.js';
import { ghostPostToImport, ghostRedirectToImport, type GhostContext, type GhostTag } from './ghost-to-story.js';

/** How a Ghost export is read: the operator's options and the import's own. */
export interface GhostImportOptions extends Omit<ImportOptions, 'runKey' | 'file' | 'source'> {
  /** The old site's address, for `__GHOST_URL__`. */
  siteUrl?: string;
  /** `--section-map "Tag=slug,…"`: a post's first tag that maps (or names a section) gives its section. */
  sectionMap?: string;
  language: string;
}

// Ghost's export: { db: [{ meta, data: { posts, tags, users, posts_tags, posts_authors, posts_meta } }] };
// some tools write { meta, data } without the wrapper.
const TABLE_PATH = /^(?:db\.0\.)?data\.([a-z_]+)$/;
const RELATION_TABLES = new Set(['tags', 'users', 'posts_tags', 'posts_authors', 'posts_meta', 'redirects']);

/**
 * Imports a Ghost JSON export in two streaming passes over the file, since its tables come in any
 * order: the first reads the small tables (tags, users, the links between them and posts,
 * redirects) and counts the posts; the second reads the posts one at a time and saves them in
 * batches (importStories: resumable, idempotent). Memory follows the links, never the posts' text.
 */
export async function importGhostFile(writer: Writer, file: string, options: GhostImportOptions): Promise<ImportReport> {
  const runKey = await importRunKey('ghost', file);
  const sectionChoice = await loadSectionChoice(writer.db, options.sectionMap);
  const gathered = await gatherRelations(file);
  options.progress?.setTotal(gathered.posts + gathered.redirects.length);
  const context: GhostContext = { ...gathered, ...sectionChoice, siteUrl: options.siteUrl, language: options.language };
  return importStories(writer, mapItems(file, context, gathered.redirects), { ...options, runKey, file, source: 'ghost import' });
}

async function* mapItems(file: string, context: GhostContext, redirects: unknown[]): AsyncGenerator<ImportItem> {
  for (const redirect of redirects) yield ghostRedirectToImport(redirect, context.siteUrl);
  for await (const element of scanJsonArrays(readTextChunks(file), (path) => (tableOf(path) === 'posts' ? 'parse' : undefined))) {
    yield ghostPostToImport(element.value, context);
  }
}

type Relations = Pick<GhostContext, 'users' | 'tags' | 'postTags' | 'postAuthors' | 'postMeta'> & { posts: number; redirects: unknown[] };

async function gatherRelations(file: string): Promise<Relations> {
  const users = new Map<string, string>();
  const tags = new Map<string, GhostTag>();
  const postTags = new Map<string, [number, string][]>();
  const postAuthors = new Map<string, [number, string][]>();
  const postMeta = new Map<string, { alt: string; caption: string }>();
  const redirects: unknown[] = [];
  let posts = 0;
  let isGhostExport = false;
  const useOf = (path: string): ArrayElementUse | undefined => {
    const table = tableOf(path);
    if (table === 'posts') return 'count';
    return table && RELATION_TABLES.has(table) ? 'parse' : undefined;
  };
  for await (const { path, value } of scanJsonArrays(readTextChunks(file), useOf)) {
    isGhostExport = true;
    const row = (value ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof row[name] === 'string' || typeof row[name] === 'number' ? String(row[name]) : '');
    switch (tableOf(path)) {
      case 'posts':
        posts += 1;
        break;
      case 'users':
        users.set(field('id'), field('name') || field('slug'));
        break;
      case 'tags':
        tags.set(field('id'), { name: field('name'), slug: field('slug'), isInternal: field('visibility') === 'internal' || field('name').startsWith('#') });
        break;
      case 'posts_tags':
        addLink(postTags, field('post_id'), Number(row.sort_order ?? 0), field('tag_id'));
        break;
      case 'posts_authors':
        addLink(postAuthors, field('post_id'), Number(row.sort_order ?? 0), field('author_id'));
        break;
      case 'posts_meta':
        postMeta.set(field('post_id'), { alt: field('feature_image_alt'), caption: field('feature_image_caption') });
        break;
      case 'redirects':
        redirects.push(value);
        break;
    }
  }
  if (!isGhostExport) throw new AppError('IMPORT_NOT_GHOST', 'invalid', `${file}: no posts, tags or users under db[0].data: is this a Ghost export?`);
  return { users, tags, postTags: inOrder(postTags), postAuthors: inOrder(postAuthors), postMeta, posts, redirects };
}

function tableOf(path: string): string | undefined {
  return TABLE_PATH.exec(path)?.[1];
}

function addLink(links: Map<string, [number, string][]>, postId: string, order: number, id: string) {
  if (!postId || !id) return;
  const list = links.get(postId) ?? [];
  list.push([Number.isFinite(order) ? order : 0, id]);
  links.set(postId, list);
}

function inOrder(links: Map<string, [number, string][]>): Map<string, string[]> {
  return new Map([...links].map(([postId, list]) => [postId, list.sort((a, b) => a[0] - b[0]).map(([, id]) => id)]));
}
