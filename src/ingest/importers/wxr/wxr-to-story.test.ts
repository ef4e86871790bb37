import { describe, expect, test } from 'vitest';
import type { WxrItem } from './read-wxr.js';
import { wordpressBodyToHtml, wxrAttachmentImage, wxrItemToImport, type WxrContext } from './wxr-to-story.js';

const SECTIONS = [
  { slug: 'markets', name: 'Markets' },
  { slug: 'business', name: 'Business' },
];

function item(overrides: Partial<WxrItem> = {}): WxrItem {
  return {
    postId: '7',
    postType: 'post',
    status: 'publish',
    title: 'Bond yields climb',
    link: 'https://old.test/?p=7',
    creator: 'jdoe',
    contentHtml: 'Yields rose.\n\nTraders sold.',
    excerpt: '',
    postName: 'bond-yields-climb',
    postDateGmt: '2021-02-03 04:05:06',
    modifiedGmt: '2021-02-04 04:05:06',
    attachmentUrl: '',
    terms: [
      { domain: 'category', nicename: 'stocks', name: 'Stocks' },
      { domain: 'category', nicename: 'markets', name: 'Markets' },
      { domain: 'post_tag', nicename: 'rates', name: 'Rates' },
    ],
    meta: new Map(),
    ...overrides,
  };
}

function context(overrides: Partial<WxrContext> = {}): WxrContext {
  return { site: 'old.test', categoriesAs: 'sections', sections: SECTIONS, sectionMap: new Map(), authors: new Map([['jdoe', 'Jane Doe']]), attachments: new Map(), language: 'en', ...overrides };
}

describe('wxrItemToImport', () => {
  test('as sections: the first category that names or maps to a section gives it; the others and the tags are topics', () => {
    const mapped = wxrItemToImport(item(), context());
    expect(mapped).toMatchObject({ kind: 'story', input: { section: 'markets', bylines: ['Jane Doe'], publishedAt: '2021-02-03T04:05:06Z' } });
    expect(mapped.kind === 'story' && mapped.input.tags.map((tag) => tag.name)).toEqual(['Stocks', 'Rates']);
    const byMap = wxrItemToImport(item(), context({ sectionMap: new Map([['stocks', 'business']]) }));
    expect(byMap).toMatchObject({ input: { section: 'business' } });
  });

  test('as topics: every category is a topic, and only --section-map gives a section', () => {
    const mapped = wxrItemToImport(item(), context({ categoriesAs: 'topics' }));
    expect(mapped).toMatchObject({ input: { section: null } });
    expect(mapped.kind === 'story' && mapped.input.tags.map((tag) => tag.name)).toEqual(['Stocks', 'Markets', 'Rates']);
    expect(wxrItemToImport(item(), context({ categoriesAs: 'topics', sectionMap: new Map([['markets', 'markets']]) }))).toMatchObject({ input: { section: 'markets' } });
  });

  test('a permalink with a query cannot be redirected, and says so; drafts have no publication time', () => {
    const mapped = wxrItemToImport(item({ status: 'pending', postDateGmt: '0000-00-00 00:00:00' }), context());
    expect(mapped).toMatchObject({ kind: 'story', oldPaths: [], input: { status: 'draft', publishedAt: null } });
    expect(mapped.kind === 'story' && mapped.notes).toContain('permalink with a query (?p=N) or no path: no redirect');
  });

  test('skips what is not a post worth keeping, with the reason', () => {
    expect(wxrItemToImport(item({ postType: 'nav_menu_item' }), context())).toMatchObject({ kind: 'skipped', reason: 'nav_menu_item items are not imported (posts only)' });
    expect(wxrItemToImport(item({ status: 'auto-draft' }), context())).toMatchObject({ kind: 'skipped' });
    expect(wxrItemToImport(item({ title: ' ' }), context())).toMatchObject({ kind: 'skipped', reason: 'no title' });
    expect(wxrItemToImport(item({ contentHtml: '<p>&nbsp;</p>' }), context())).toMatchObject({ kind: 'skipped', reason: 'empty post (no content)' });
  });
});

describe('WordPress text', () => {
  test('blank lines become paragraphs and [caption] shortcodes are unwrapped; HTML with paragraphs is kept', () => {
    expect(wordpressBodyToHtml('One\nline.\n\n[caption id="a1"]<img src="x.jpg"> Cranes[/caption]')).toBe('<p>One<br>line.</p>\n<p><img src="x.jpg"> Cranes</p>');
    expect(wordpressBodyToHtml('<p>Already</p>\n\n<p>HTML</p>')).toBe('<p>Already</p>\n\n<p>HTML</p>');
  });

  test('an attachment gives its size and credit from the serialized metadata, and needs a web address', () => {
    const metadata = 'a:3:{s:5:"width";i:640;s:6:"height";i:480;s:10:"image_meta";a:1:{s:6:"credit";s:4:"Desk";}}';
    const attachment = item({ postType: 'attachment', attachmentUrl: 'https://old.test/a.png', excerpt: '<em>A</em> caption', meta: new Map([['_wp_attachment_metadata', metadata]]) });
    expect(wxrAttachmentImage(attachment)).toEqual({ url: 'https://old.test/a.png', alt: '', caption: 'A caption', credit: 'Desk', width: 640, height: 480 });
    expect(wxrAttachmentImage({ ...attachment, attachmentUrl: 'javascript:alert(1)' })).toBeUndefined();
  });
});
