import { describe, expect, test } from 'vitest';
import { writeAtomFeed } from './atom-feed.js';
import type { FeedChannel, FeedEntry } from './feed-entry.js';
import { writeJsonFeed } from './json-feed.js';
import type { Publication } from './publication.js';
import { writeRssFeed } from './rss-feed.js';

const publication: Publication = {
  name: 'Fortune Sky',
  description: 'Finance news.',
  url: 'https://news.example',
  language: 'en',
  timeZone: 'Asia/Shanghai',
  logoPath: '/logo.png',
  logoWidth: 144,
  logoHeight: 144,
};

function channel(entry: Partial<FeedEntry> = {}): FeedChannel {
  return {
    title: 'Fortune Sky',
    description: 'Finance news.',
    homeUrl: 'https://news.example/',
    rssUrl: 'https://news.example/feed.xml',
    atomUrl: 'https://news.example/atom.xml',
    jsonUrl: 'https://news.example/feed.json',
    updated: '2024-03-01T10:00:00.000Z',
    entries: [
      {
        id: 'urn:x:1',
        url: 'https://news.example/2024/03/01/story/',
        title: 'Story',
        summary: 'Teaser.',
        contentHtml: '<p>Body</p>',
        language: 'en',
        authors: [],
        categories: [],
        published: '2024-03-01T10:00:00.000Z',
        updated: '2024-03-01T10:00:00.000Z',
        image: null,
        ...entry,
      },
    ],
  };
}

const image = { url: 'https://cdn.example/hero.webp?w=1200', width: 1200, height: 675, alt: 'Oil tanker at dawn' };

describe('feed writers', () => {
  test('include the hero image when a story has one', () => {
    expect(writeRssFeed(channel({ image }), publication)).toContain(
      '<media:content url="https://cdn.example/hero.webp?w=1200" medium="image" type="image/webp" width="1200" height="675"><media:description>Oil tanker at dawn</media:description></media:content>',
    );
    expect(writeAtomFeed(channel({ image }), publication)).toContain('<link rel="enclosure" type="image/webp" href="https://cdn.example/hero.webp?w=1200"/>');
    expect(JSON.parse(writeJsonFeed(channel({ image }), publication)).items[0].image).toBe(image.url);
  });

  test('leave the image out when there is none', () => {
    expect(writeRssFeed(channel(), publication)).not.toContain('media:content');
    expect(writeAtomFeed(channel(), publication)).not.toContain('rel="enclosure"');
    expect(JSON.parse(writeJsonFeed(channel(), publication)).items[0]).not.toHaveProperty('image');
  });

  test('a guid that is the permalink says so', () => {
    const url = 'https://news.example/2024/03/01/story/';
    expect(writeRssFeed(channel({ id: url }), publication)).toContain(`<guid isPermaLink="true">${url}</guid>`);
    expect(writeRssFeed(channel(), publication)).toContain('<guid isPermaLink="false">urn:x:1</guid>');
  });

  test('JSON Feed declares version 1.1 and never lets "</script>" through unescaped', () => {
    const json = writeJsonFeed(channel({ title: '</script><b>' }), publication);
    expect(json).not.toContain('</script>');
    const feed = JSON.parse(json);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[0].title).toBe('</script><b>');
    expect(feed.items[0].date_published).toBe('2024-03-01T18:00:00+08:00');
  });
});
