import { describe, expect, test } from 'vitest';
import { ghostPostToImport, ghostRedirectToImport, type GhostContext } from './ghost-to-story.js';

const context: GhostContext = {
  sections: [{ slug: 'markets', name: 'Markets' }],
  sectionMap: new Map([['stocks', 'markets']]),
  users: new Map([['u1', 'Ann Author']]),
  tags: new Map([
    ['t1', { name: 'Stocks', slug: 'stocks', isInternal: false }],
    ['t2', { name: '#import', slug: 'hash-import', isInternal: true }],
  ]),
  postTags: new Map([['p1', ['t2', 't1']]]),
  postAuthors: new Map([['p1', ['u1']]]),
  postMeta: new Map(),
  language: 'en',
};

describe('ghostPostToImport', () => {
  test('a mapped tag gives the section; internal tags are no topics; without --site, Ghost\'s own address becomes a site path', () => {
    const mapped = ghostPostToImport({ id: 'p1', title: 'Stocks slide', slug: 'stocks-slide', html: '<p><a href="__GHOST_URL__/x/">x</a> words</p>', status: 'published', published_at: '2023-01-02T03:04:05.000Z', feature_image: '__GHOST_URL__/content/images/a.jpg' }, context);
    expect(mapped).toMatchObject({ kind: 'story', oldPaths: ['/stocks-slide/'], input: { section: 'markets', bylines: ['Ann Author'], tags: [{ kind: 'topic', name: 'Stocks' }], bodyHtml: '<p><a href="/x/">x</a> words</p>' } });
    expect(mapped.kind === 'story' && mapped.heroImage).toBeUndefined();
    expect(mapped.kind === 'story' && mapped.notes?.[0]).toMatch(/has no web address \(give --site\)/);
  });

  test('skips pages, unknown statuses and posts without html, each with its reason', () => {
    expect(ghostPostToImport({ id: 'p2', title: 'About', type: 'page', html: '<p>x</p>', status: 'published' }, context)).toMatchObject({ kind: 'skipped', reason: 'pages are not imported (posts only)' });
    expect(ghostPostToImport({ id: 'p3', title: 'T', html: '<p>x</p>', status: 'archived' }, context)).toMatchObject({ kind: 'skipped', reason: 'status "archived"' });
    expect(ghostPostToImport({ id: 'p4', title: 'T', html: null, lexical: '{}', status: 'published' }, context)).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/^no html/) });
    expect(ghostPostToImport(null, context)).toMatchObject({ kind: 'skipped', reason: 'no id' });
  });
});

describe('ghostRedirectToImport', () => {
  test('a plain path written as a pattern is kept; patterns, other sites and non-paths are skipped', () => {
    expect(ghostRedirectToImport({ from: '^\\/old\\/$', to: '/new/' }, undefined)).toEqual({ kind: 'redirect', oldPath: '/old/', targetPath: '/new/' });
    expect(ghostRedirectToImport({ from: '/old-page', to: 'https://ghost.test/new/?a=1' }, 'https://ghost.test')).toEqual({ kind: 'redirect', oldPath: '/old-page/', targetPath: '/new/?a=1' });
    expect(ghostRedirectToImport({ from: '^/(\\d+)/$', to: '/n/$1/' }, undefined)).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/pattern/) });
    expect(ghostRedirectToImport({ from: '/away/', to: 'https://elsewhere.test/' }, 'https://ghost.test')).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/another site/) });
    expect(ghostRedirectToImport({ from: '', to: '/x/' }, undefined)).toMatchObject({ kind: 'skipped' });
  });
});
