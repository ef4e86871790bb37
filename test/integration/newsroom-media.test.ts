import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setHeroImage } from '../../src/content/articles/index.js';
import { findMedia } from '../../src/content/media/index.js';
import type { Role } from '../../src/newsroom/index.js';
import { makeImage, multipartBody, type MultipartPart } from '../support/media.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createSignedInUser, createTestClock, type TestSession } from '../support/newsroom.js';
import { articleInput, createArticles, createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { refuseInserts } from '../support/refuse-inserts.js';

let site: TestApp;
let mediaTemp: { dir: string; remove: () => void };
let mediaDir: string;
let editor: TestSession;

// As the upload form sends it: the token in the action's query string (read before the body).
function upload(session: TestSession | undefined, parts: MultipartPart[], url = '/newsroom/media/') {
  const { body, contentType } = multipartBody(parts);
  const withToken = session ? `${url}?_csrf=${encodeURIComponent(session.csrfToken)}` : url;
  return site.app.inject({ method: 'POST', url: withToken, headers: { 'content-type': contentType, ...(session ? { cookie: session.cookie } : {}) }, payload: body });
}

const imagePart = (data: Buffer, filename: string, contentType = 'image/jpeg'): MultipartPart => ({ name: 'file', filename, contentType, data });
const words = (alt: string, caption = '', credit = ''): MultipartPart[] => [
  { name: 'alt', value: alt },
  { name: 'caption', value: caption },
  { name: 'credit', value: credit },
];

function storedFiles(): string[] {
  if (!existsSync(mediaDir)) return [];
  return readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

beforeAll(async () => {
  mediaTemp = createTempDir('fortune-sky-media-');
  mediaDir = join(mediaTemp.dir, 'media');
  site = await createTestApp({ MEDIA_DIR: mediaDir }, { clock: createTestClock('2026-01-05T09:00:00.000Z') });
  editor = await createSignedInUser(site, 'editor');
});
afterAll(async () => {
  await site.close();
  mediaTemp.remove();
});

describe('uploading images', () => {
  test.each([
    ['jpeg', 'image/jpeg', 2000, 1000],
    ['png', 'image/png', 800, 600],
    ['webp', 'image/webp', 500, 500],
  ] as const)('a %s upload stores WebP and original-format variants with the right sizes, served immutable', async (format, mimeType, width, height) => {
    const response = await upload(editor, [imagePart(await makeImage(format, width, height), `picture.${format}`, mimeType), ...words(`A ${format} circle`, 'Caption here', 'Jane Roe')]);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    const id = Number(/uploaded=(\d+)/.exec(String(response.headers.location))![1]);
    const item = (await findMedia(site.database.db, id))!;
    expect(item).toMatchObject({ alt: `A ${format} circle`, caption: 'Caption here', credit: 'Jane Roe', width, height, mimeType });
    const expectedWidths = [320, 640, 1024, 1600].filter((w) => w < Math.min(width, 1600)).concat(Math.min(width, 1600));
    const formats = format === 'webp' ? ['webp'] : [format, 'webp'];
    for (const variantFormat of formats) {
      expect(item.variants.filter((v) => v.format === variantFormat).map((v) => v.width)).toEqual(expectedWidths);
    }
    for (const variant of item.variants) {
      expect(variant.fileKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|png|webp)$/);
      const served = await site.app.inject({ url: `/media/${variant.fileKey}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(variant.format === 'jpeg' ? 'image/jpeg' : `image/${variant.format}`);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.format).toBe(variant.format);
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
      expect(variant.height).toBe(Math.round((variant.width * height) / width));
    }
    const etag = String((await site.app.inject({ url: `/media/${item.variants[0]!.fileKey}` })).headers.etag);
    expect((await site.app.inject({ url: `/media/${item.variants[0]!.fileKey}`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });

  test('/media/ answers 404 for unknown files and for names that are not content hashes', async () => {
    for (const url of [`/media/ab/${'0'.repeat(32)}.jpg`, '/media/ab/photo.jpg', '/media/..%2F..%2Fetc/passwd.jpg', `/media/ab/${'0'.repeat(32)}.gif`]) {
      const response = await site.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['cache-control'], url).not.toContain('immutable');
    }
  });

  test('an AVIF upload is accepted and stored as JPEG and WebP variants', async () => {
    const response = await upload(editor, [imagePart(await makeImage('avif', 400, 300), 'shot.avif', 'image/avif'), ...words('An AVIF circle')]);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    const id = Number(/uploaded=(\d+)/.exec(String(response.headers.location))![1]);
    const item = (await findMedia(site.database.db, id))!;
    expect(item.mimeType).toBe('image/avif');
    expect([...new Set(item.variants.map((v) => v.format))].sort()).toEqual(['jpeg', 'webp']);
  });

  test('a text file named photo.jpg is refused with a clear message and nothing is written', async () => {
    const before = storedFiles().length;
    const rows = await site.database.db.selectFrom('media').select('id').execute();
    const response = await upload(editor, [imagePart(Buffer.from('This is not a picture, just some words.\n'), 'photo.jpg'), ...words('Looks like a photo')]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('is not a JPEG, PNG, WebP or AVIF image');
    expect(response.body).toContain('value="Looks like a photo"');
    expect(storedFiles().length).toBe(before);
    expect(await site.database.db.selectFrom('media').select('id').execute()).toHaveLength(rows.length);
  });

  test('a PNG declared as a JPEG is taken for what it is', async () => {
    const response = await upload(editor, [imagePart(await makeImage('png', 400, 200), 'misnamed.jpg', 'image/jpeg'), ...words('Misnamed')]);
    expect(response.statusCode).toBe(303);
    const id = Number(/uploaded=(\d+)/.exec(String(response.headers.location))![1]);
    expect((await findMedia(site.database.db, id))!.mimeType).toBe('image/png');
  });

  test('missing alt text is a field error that keeps the caption and credit typed', async () => {
    const response = await upload(editor, [imagePart(await makeImage('jpeg', 400, 300), 'a.jpg'), ...words('   ', 'Kept caption', 'Kept credit')]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Describe the image for readers who cannot see it.');
    expect(response.body).toContain('href="#field-alt"');
    expect(response.body).toContain('Kept caption');
    expect(response.body).toContain('value="Kept credit"');
    expect(response.body).toMatch(/<input[^>]*id="field-alt"[^>]*aria-invalid="true"/);
  });

  test('a file over 15 MB is refused with 413 and a message', async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 1);
    big[0] = 0xff;
    big[1] = 0xd8;
    big[2] = 0xff;
    const response = await upload(editor, [...words('Too big'), imagePart(big, 'huge.jpg')]);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('larger than 15 MB');
  });

  test('a failed database write removes the files the upload created', async () => {
    const before = storedFiles().length;
    const allowInserts = await refuseInserts(site.database, 'media');
    try {
      const response = await upload(editor, [imagePart(await makeImage('jpeg', 333, 222), 'fail.jpg'), ...words('Will fail')]);
      expect(response.statusCode).toBe(500);
      expect(storedFiles().length).toBe(before);
    } finally {
      await allowInserts();
    }
  });
});

describe('who may upload', () => {
  test.each(['contributor', 'author', 'editor', 'admin'] satisfies Role[])('a %s may upload and see the library', async (role) => {
    const session = await createSignedInUser(site, role);
    expect((await site.app.inject({ url: '/newsroom/media/', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const response = await upload(session, [imagePart(await makeImage('jpeg', 300, 200), `${role}.jpg`), ...words(`Uploaded by a ${role}`)]);
    expect(response.statusCode).toBe(303);
  });

  test('signed out: the library redirects to sign in, and the API answers 401', async () => {
    const page = await site.app.inject({ url: '/newsroom/media/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/newsroom/sign-in/?next=%2Fnewsroom%2Fmedia%2F');
    expect((await site.app.inject({ url: '/api/newsroom/media?q=x' })).statusCode).toBe(401);
  });

  test('an upload without the CSRF token is refused', async () => {
    const { body, contentType } = multipartBody([imagePart(await makeImage('jpeg', 300, 200), 'x.jpg'), ...words('No token')]);
    const response = await site.app.inject({ method: 'POST', url: '/newsroom/media/', headers: { 'content-type': contentType, cookie: editor.cookie }, payload: body });
    expect(response.statusCode).toBe(403);
  });
});

describe('the library and the editor API', () => {
  test('the library lists images with alt text, srcset and sizes, and searches', async () => {
    await upload(editor, [imagePart(await makeImage('jpeg', 700, 400), 'harbour.jpg'), ...words('Container ships in the harbour at dawn', '', 'Port Authority')]);
    const page = await site.app.inject({ url: '/newsroom/media/?q=harbour', headers: { cookie: editor.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Container ships in the harbour at dawn');
    expect(page.body).not.toContain('A png circle');
    expect(page.body).toMatch(/<img[^>]*srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 700w"[^>]*sizes="[^"]+"[^>]*width="320"[^>]*height="183"[^>]*alt="Container ships/);
    expect(page.body).toContain('>Upload</button>');
    expect(page.body).toContain('<label for="field-file">Image file</label>');
  });

  test('GET /api/newsroom/media?q= answers what the editor inserts', async () => {
    const response = await site.app.inject({ url: '/api/newsroom/media?q=container', headers: { cookie: editor.cookie } });
    expect(response.statusCode).toBe(200);
    const items = response.json() as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alt: 'Container ships in the harbour at dawn', credit: 'Port Authority', width: 700, height: 400 });
    expect(String(items[0]!.url)).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
    expect(String(items[0]!.srcset)).toMatch(/ 320w, .* 640w, .* 700w$/);
  });
});

describe('hero image on the reader site', () => {
  test('the article page shows a figure with srcset, width, height and alt; feeds and JSON-LD carry the image', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:test:hero', title: 'Ports reopen after the storm', publishedAt: '2026-01-04T10:00:00Z' })]);
    const [media] = await site.database.db.selectFrom('media').select('id').where('alt', '=', 'Container ships in the harbour at dawn').execute();
    const article = await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:hero').executeTakeFirstOrThrow();
    await site.writer.run(new Date(), (work) => setHeroImage(work, Number(article.id), Number(media!.id)));

    const page = await site.app.inject({ url: '/2026/01/04/ports-reopen-after-the-storm/' });
    expect(page.statusCode).toBe(200);
    const img = /<figure class="hero">[\s\S]*?<\/figure>/.exec(page.body)![0];
    expect(img).toMatch(/<source type="image\/webp" srcset="[^"]+\.webp 320w/);
    expect(img).toMatch(/<img [^>]*srcset="[^"]+\.jpg 320w, [^"]+\.jpg 640w, [^"]+\.jpg 700w"/);
    expect(img).toMatch(/ width="700"/);
    expect(img).toMatch(/ height="400"/);
    expect(img).toMatch(/ sizes="[^"]+"/);
    expect(img).toContain('alt="Container ships in the harbour at dawn"');
    expect(img).toContain('<figcaption>');
    expect(img).toContain('Port Authority');
    expect(page.body).toMatch(/<meta property="og:image" content="http:\/\/news\.test\/media\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg"/);
    expect(page.body).toContain('"@type":"ImageObject","url":"http://news.test/media/');

    const rss = await site.app.inject({ url: '/feed.xml' });
    expect(rss.body).toMatch(/<media:content url="http:\/\/news\.test\/media\/[^"]+\.jpg" medium="image" type="image\/jpeg" width="700" height="400"/);
    const json = (await site.app.inject({ url: '/feed.json' })).json() as { items: { title: string; image?: string }[] };
    expect(json.items.find((item) => item.title === 'Ports reopen after the storm')!.image).toMatch(/^http:\/\/news\.test\/media\//);
  });
});

describe('the editor upload API and valid HTML', () => {
  test('POST /api/newsroom/media with x-csrf-token answers 201 with the JSON the editor inserts; too large is 413 JSON', async () => {
    const { body, contentType } = multipartBody([imagePart(await makeImage('png', 900, 300), 'chart.png', 'image/png'), ...words('A bar chart of yields')]);
    const created = await site.app.inject({ method: 'POST', url: '/api/newsroom/media', headers: { 'content-type': contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ alt: 'A bar chart of yields', width: 900, height: 300 });
    const invalid = multipartBody([imagePart(Buffer.from('text'), 'x.png', 'image/png'), ...words('')]);
    const refused = await site.app.inject({ method: 'POST', url: '/api/newsroom/media', headers: { 'content-type': invalid.contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, payload: invalid.body });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toHaveProperty('alt');
    const big = multipartBody([imagePart(Buffer.alloc(15 * 1024 * 1024 + 1, 0xff), 'big.jpg')]);
    const tooLarge = await site.app.inject({ method: 'POST', url: '/api/newsroom/media', headers: { 'content-type': big.contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, payload: big.body });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('MEDIA_TOO_LARGE');
  });

  test('the article page with a hero image and the media library have no Nu Html Checker errors', async () => {
    const article = await site.app.inject({ url: '/2026/01/04/ports-reopen-after-the-storm/' });
    const library = await site.app.inject({ url: '/newsroom/media/', headers: { cookie: editor.cookie } });
    const refused = await upload(editor, [imagePart(Buffer.from('nope'), 'photo.jpg'), ...words('')]);
    const { errors } = checkHtml({ article: article.body, library: library.body, 'library-with-errors': refused.body });
    expect(errors).toEqual([]);
  }, 120_000);
});
