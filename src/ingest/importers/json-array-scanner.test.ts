import { describe, expect, test } from 'vitest';
import { scanJsonArrays, type ScannedElement } from './json-array-scanner.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function collect(text: string, size: number, use: (path: string) => 'parse' | 'count' | undefined): Promise<ScannedElement[]> {
  const out: ScannedElement[] = [];
  for await (const element of scanJsonArrays(chunksOf(text, size), use)) out.push(element);
  return out;
}

// Strings with quotes, backslashes, braces and brackets: what a scanner that does not track strings would trip on.
const tricky = ['say "hi" {not} [an] array', 'ends in a backslash \\', '\\\\"', 'tab\t and \u00e9 and \ud83d\ude00', '}]}', ''];
const exportDocument = {
  db: [
    {
      meta: { version: '5.80.0', note: '{"posts": []}' },
      data: {
        posts: tricky.map((text, index) => ({ id: `p${index}`, title: text, html: `<p>${text}</p>`, nested: { list: [1, [2, { text }]] } })),
        tags: [{ id: 't1', name: 'Markets' }],
        'posts_tags': [{ post_id: 'p1', tag_id: 't1' }],
        '\\"odd key': [{ id: 'x' }],
      },
    },
  ],
};

describe('scanJsonArrays', () => {
  test('yields every chosen element as JSON.parse reads it, whatever the chunk boundaries', async () => {
    const text = JSON.stringify(exportDocument, null, 1);
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const elements = await collect(text, size, (path) => (path === 'db.0.data.posts' || path === 'db.0.data.tags' ? 'parse' : undefined));
      expect(elements.map((e) => e.path)).toEqual([...tricky.map(() => 'db.0.data.posts'), 'db.0.data.tags']);
      expect(elements.map((e) => e.value)).toEqual([...exportDocument.db[0]!.data.posts, ...exportDocument.db[0]!.data.tags]);
    }
  });

  test('counts elements without parsing them, and reads escaped keys', async () => {
    const text = JSON.stringify(exportDocument);
    const elements = await collect(text, 5, (path) => (path === 'db.0.data.posts' ? 'count' : path === 'db.0.data.\\"odd key' ? 'parse' : undefined));
    expect(elements.filter((e) => e.path === 'db.0.data.posts')).toHaveLength(tricky.length);
    expect(elements.every((e) => e.path !== 'db.0.data.posts' || e.value === undefined)).toBe(true);
    expect(elements.find((e) => e.path !== 'db.0.data.posts')?.value).toEqual({ id: 'x' });
  });

  test('refuses an element over the size bound, nesting past the depth bound and a truncated document', async () => {
    const big = JSON.stringify({ items: [{ text: 'x'.repeat(5000) }] });
    const scan = async (text: string) => {
      for await (const element of scanJsonArrays(chunksOf(text, 100), () => 'parse', { maxElementChars: 1000, maxDepth: 50 })) void element;
    };
    await expect(scan(big)).rejects.toMatchObject({ code: 'IMPORT_ELEMENT_TOO_LARGE' });
    await expect(scan('['.repeat(100) + ']'.repeat(100))).rejects.toMatchObject({ code: 'IMPORT_TOO_DEEP' });
    await expect(scan('{"items": [{"a": 1}')).rejects.toMatchObject({ code: 'IMPORT_INVALID_JSON' });
  });
});
