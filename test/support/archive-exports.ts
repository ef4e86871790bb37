/**
 * WordPress (WXR 1.2) and Ghost (JSON) exports built in code for the importer tests and their
 * measurement: every word here is generated, none copied from a real export.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A WordPress item as the tests describe it. */
export interface WxrPost {
  id: number;
  title: string;
  slug: string;
  type?: string;
  status?: string;
  /** GMT, "2020-01-02 10:00:00". */
  date: string;
  link: string;
  author: string;
  body: string;
  categories?: { name: string; slug: string }[];
  tags?: string[];
  thumbnailId?: number;
}

/** A WordPress attachment (an image in its media library). */
export interface WxrAttachment {
  id: number;
  url: string;
  caption: string;
  credit: string;
  alt: string;
  width: number;
  height: number;
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The opening of a WXR file: the channel, its site address and its authors. */
export function wxrHead(siteUrl: string, authors: { login: string; name: string }[], doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
${doctype}<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Old Finance Blog</title>
\t<link>${siteUrl}</link>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${siteUrl}</wp:base_site_url>
\t<wp:base_blog_url>${siteUrl}</wp:base_blog_url>
${authors.map((a, i) => `\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@old.test`)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`).join('\n')}
`;
}

/** One post (or page, revision…) as WordPress writes it, comments and all. */
export function wxrPostItem(post: WxrPost): string {
  const terms = [
    ...(post.categories ?? []).map((c) => `\t\t<category domain="category" nicename="${c.slug}">${cdata(c.name)}</category>`),
    ...(post.tags ?? []).map((t) => `\t\t<category domain="post_tag" nicename="${t.toLowerCase().replace(/\W+/g, '-')}">${cdata(t)}</category>`),
  ];
  return `\t<item>
\t\t<title>${post.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</title>
\t\t<link>${post.link}</link>
\t\t<pubDate>Thu, 02 Jan 2020 10:00:00 +0000</pubDate>
\t\t<dc:creator>${cdata(post.author)}</dc:creator>
\t\t<guid isPermaLink="false">https://old.test/?p=${post.id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(post.body)}</content:encoded>
\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>
\t\t<wp:post_id>${post.id}</wp:post_id>
\t\t<wp:post_date>${cdata(post.date)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(post.status === 'draft' ? '0000-00-00 00:00:00' : post.date)}</wp:post_date_gmt>
\t\t<wp:post_modified_gmt>${cdata(post.date)}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata('open')}</wp:comment_status>
\t\t<wp:post_name>${cdata(post.slug)}</wp:post_name>
\t\t<wp:status>${cdata(post.status ?? 'publish')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata(post.type ?? 'post')}</wp:post_type>
${terms.join('\n')}
${post.thumbnailId ? `\t\t<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(post.thumbnailId))}</wp:meta_value></wp:postmeta>` : ''}
\t\t<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>${cdata('A reader')}</wp:comment_author><wp:comment_content>${cdata('Not a post.')}</wp:comment_content><wp:commentmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>999</wp:meta_value></wp:commentmeta></wp:comment>
\t</item>
`;
}

/** An attachment item, with its PHP-serialized metadata as WordPress writes it. */
export function wxrAttachmentItem(image: WxrAttachment): string {
  const php = `a:4:{s:5:"width";i:${image.width};s:6:"height";i:${image.height};s:4:"file";s:${image.url.length}:"${image.url}";s:10:"image_meta";a:2:{s:6:"credit";s:${image.credit.length}:"${image.credit}";s:7:"caption";s:0:"";}}`;
  return `\t<item>
\t\t<title>image-${image.id}</title>
\t\t<excerpt:encoded>${cdata(image.caption)}</excerpt:encoded>
\t\t<wp:post_id>${image.id}</wp:post_id>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(image.url)}</wp:attachment_url>
\t\t<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_metadata')}</wp:meta_key><wp:meta_value>${cdata(php)}</wp:meta_value></wp:postmeta>
\t\t<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata(image.alt)}</wp:meta_value></wp:postmeta>
\t</item>
`;
}

/** The close of a WXR file. */
export const WXR_TAIL = '</channel>\n</rss>\n';

/** A Ghost export: db[0].data with its tables in the order given (the posts may come first). */
export function ghostExport(tables: [string, unknown[]][]): string {
  const data = tables.map(([name, rows]) => `${JSON.stringify(name)}:[${rows.map((row) => JSON.stringify(row)).join(',\n')}]`).join(',\n');
  return `{"db":[{"meta":{"exported_on":1700000000000,"version":"5.80.0"},"data":{${data}}}]}`;
}

/** Paragraphs of generated finance prose, about `words` long: distinct per seed so stories differ. */
export function generatedBody(seed: number, words: number): string {
  const vocabulary = ['markets', 'rallied', 'bond', 'yields', 'central', 'bank', 'quarterly', 'earnings', 'guidance', 'investors', 'shares', 'index', 'traders', 'inflation', 'outlook', 'revenue'];
  const paragraphs: string[] = [];
  let n = seed;
  for (let written = 0; written < words; ) {
    const sentence: string[] = [];
    for (let i = 0; i < 60 && written < words; i++, written++) {
      n = (n * 1103515245 + 12345) % 2147483648;
      sentence.push(vocabulary[n % vocabulary.length]!);
    }
    paragraphs.push(`Story ${seed}: ${sentence.join(' ')}.`);
  }
  return paragraphs.join('\n\n');
}

/** Writes a large WXR export to a file piece by piece (never the whole text in memory): `posts` posts of about `words` words. */
export async function writeLargeWxr(file: string, posts: number, words: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(wxrHead('https://big.old.test', [{ login: 'writer', name: 'Staff Writer' }]));
  for (let id = 1; id <= posts; id++) {
    const day = String((id % 28) + 1).padStart(2, '0');
    await write(
      wxrPostItem({
        id,
        title: `Generated story ${id}`,
        slug: `generated-story-${id}`,
        date: `2021-03-${day} 09:00:00`,
        link: `https://big.old.test/archives/${id}`,
        author: 'writer',
        body: generatedBody(id, words),
        categories: [{ name: ['Markets', 'Business', 'Industries', 'Internet'][id % 4]!, slug: ['markets', 'business', 'industries', 'internet'][id % 4]! }],
        tags: [`Topic ${id % 50}`],
      }),
    );
  }
  await write(WXR_TAIL);
  out.end();
  await once(out, 'finish');
}

/** Writes a large Ghost export piece by piece: `posts` posts of about `words` words, the tables that describe them after the posts. */
export async function writeLargeGhostExport(file: string, posts: number, words: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"db":[{"meta":{"exported_on":1700000000000,"version":"5.80.0"},"data":{"posts":[');
  for (let id = 1; id <= posts; id++) {
    const html = generatedBody(id, words)
      .split('\n\n')
      .map((paragraph) => `<p>${paragraph}</p>`)
      .join('');
    const post = { id: `post${id}`, title: `Generated Ghost story ${id}`, slug: `generated-ghost-story-${id}`, html, type: 'post', status: 'published', published_at: '2022-06-01T08:00:00.000Z' };
    await write(`${id > 1 ? ',' : ''}${JSON.stringify(post)}\n`);
  }
  await write('],"tags":[{"id":"t0","name":"Markets","slug":"markets"},{"id":"t1","name":"Bonds","slug":"bonds"}],"users":[{"id":"u1","name":"Staff Writer","slug":"staff"}],"posts_tags":[');
  for (let id = 1; id <= posts; id++) await write(`${id > 1 ? ',' : ''}{"post_id":"post${id}","tag_id":"t${id % 2}","sort_order":0}`);
  await write('],"posts_authors":[');
  for (let id = 1; id <= posts; id++) await write(`${id > 1 ? ',' : ''}{"post_id":"post${id}","author_id":"u1","sort_order":0}`);
  await write(']}}]}\n');
  out.end();
  await once(out, 'finish');
}
