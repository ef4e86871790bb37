import { SaxesParser } from 'saxes';
import { AppError } from '../../../errors.js';

/** A category or tag on an item (`<category domain="category|post_tag" nicename="…">Name</category>`). */
export interface WxrTerm {
  domain: string;
  nicename: string;
  name: string;
}

/** One `<item>` of a WordPress export: a post, page, attachment, revision or menu entry. */
export interface WxrItem {
  postId: string;
  postType: string;
  status: string;
  title: string;
  link: string;
  creator: string;
  contentHtml: string;
  excerpt: string;
  postName: string;
  postDateGmt: string;
  modifiedGmt: string;
  attachmentUrl: string;
  terms: WxrTerm[];
  meta: Map<string, string>;
}

/** What a WXR file holds, in file order: the site's address, its authors, then its items. */
export type WxrEntry = { kind: 'site'; url: string } | { kind: 'author'; login: string; displayName: string } | { kind: 'item'; item: WxrItem };

/** The longest text kept from one element (a post's content included): a bound on memory per item. */
const MAX_FIELD_CHARS = 16 * 1024 * 1024;

// Leaf elements of an item whose text is kept, and the field each fills.
const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  'wp:post_id': 'postId',
  'wp:post_type': 'postType',
  'wp:status': 'status',
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'content:encoded': 'contentHtml',
  'excerpt:encoded': 'excerpt',
  'wp:post_name': 'postName',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:attachment_url': 'attachmentUrl',
};

/**
 * Reads a WordPress eXtended RSS export as a stream: only the item being read is held. A DOCTYPE
 * is refused outright (entities are how XXE and "billion laughs" documents attack; an export has
 * none), and saxes expands no entity beyond XML's five.
 */
export async function* readWxr(chunks: AsyncIterable<string>, file: string): AsyncGenerator<WxrEntry> {
  const parser = new SaxesParser({ fileName: file });
  const ready: WxrEntry[] = [];
  const path: string[] = [];
  let item: WxrItem | undefined;
  let author: { login: string; displayName: string } | undefined;
  let metaKey = '';
  let text: string[] = [];
  let textChars = 0;
  let isKeepingText = false;
  let failure: Error | undefined;

  parser.on('doctype', () => {
    throw new AppError('IMPORT_DOCTYPE_REFUSED', 'invalid', `${file}: the file declares a DOCTYPE; a WordPress export has none, and its entities could read files or expand without end. Nothing imported.`);
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (node) => {
    const name = node.name;
    const parent = path[path.length - 1];
    path.push(name);
    if (name === 'item' && parent === 'channel') item = emptyItem();
    else if (name === 'wp:author' && parent === 'channel') author = { login: '', displayName: '' };
    if (item && name === 'category' && parent === 'item') {
      item.terms.push({ domain: attribute(node.attributes.domain), nicename: attribute(node.attributes.nicename), name: '' });
    }
    isKeepingText = isTextKept(name, parent);
    text = [];
    textChars = 0;
  });
  const keepText = (value: string) => {
    if (!isKeepingText) return;
    textChars += value.length;
    if (textChars > MAX_FIELD_CHARS) throw new AppError('IMPORT_ELEMENT_TOO_LARGE', 'invalid', `${file}: a <${path[path.length - 1]}> is longer than ${MAX_FIELD_CHARS.toLocaleString('en')} characters.`);
    text.push(value);
  };
  parser.on('text', keepText);
  parser.on('cdata', keepText);
  parser.on('closetag', (node) => {
    const name = node.name;
    path.pop();
    const parent = path[path.length - 1];
    const value = isKeepingText ? text.join('').trim() : '';
    isKeepingText = false;
    text = [];
    if (item) {
      if (name === 'item') {
        ready.push({ kind: 'item', item });
        item = undefined;
      } else if (parent === 'item' && name in ITEM_FIELDS) {
        (item[ITEM_FIELDS[name]!] as string) = value;
      } else if (parent === 'item' && name === 'category') {
        item.terms[item.terms.length - 1]!.name = value;
      } else if (parent === 'wp:postmeta' && name === 'wp:meta_key') {
        metaKey = value;
      } else if (parent === 'wp:postmeta' && name === 'wp:meta_value' && metaKey) {
        item.meta.set(metaKey, value);
      }
      return;
    }
    if (author) {
      if (name === 'wp:author') {
        if (author.login) ready.push({ kind: 'author', login: author.login, displayName: author.displayName || author.login });
        author = undefined;
      } else if (name === 'wp:author_login') author.login = value;
      else if (name === 'wp:author_display_name') author.displayName = value;
      return;
    }
    if (parent === 'channel' && (name === 'wp:base_site_url' || name === 'link') && value) ready.push({ kind: 'site', url: value });
  });

  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw invalidXml(file, failure);
    yield* ready.splice(0);
  }
  parser.close();
  if (failure) throw invalidXml(file, failure);
  yield* ready.splice(0);
}

function isTextKept(name: string, parent: string | undefined): boolean {
  if (parent === 'item') return name in ITEM_FIELDS || name === 'category';
  if (parent === 'wp:postmeta') return name === 'wp:meta_key' || name === 'wp:meta_value';
  if (parent === 'wp:author') return name === 'wp:author_login' || name === 'wp:author_display_name';
  return parent === 'channel' && (name === 'wp:base_site_url' || name === 'link');
}

function attribute(value: string | { value: string } | undefined): string {
  return typeof value === 'string' ? value : (value?.value ?? '');
}

function emptyItem(): WxrItem {
  return {
    postId: '',
    postType: '',
    status: '',
    title: '',
    link: '',
    creator: '',
    contentHtml: '',
    excerpt: '',
    postName: '',
    postDateGmt: '',
    modifiedGmt: '',
    attachmentUrl: '',
    terms: [],
    meta: new Map(),
  };
}

function invalidXml(file: string, error: Error): AppError {
  return error instanceof AppError ? error : new AppError('IMPORT_INVALID_XML', 'invalid', `${file}: not a well-formed WordPress export (${error.message.slice(0, 300)}).`);
}
