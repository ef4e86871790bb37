/**
 * Uploads under attack (issue 8, findings 7 and 14): refused before the body is read, streamed to
 * a temporary file instead of memory, decompression bombs refused, and a per-user limit.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findMedia } from '../../src/content/media/index.js';
import { makeImage, multipartBody, type MultipartPart } from '../support/media.js';
import { createSignedInUser, createTestClock, type TestClock, type TestSession } from '../support/newsroom.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { openReadyDatabase } from '../../src/app-setup.js';
import { buildApp } from '../../src/server.js';

let site: TestApp;
let clock: TestClock;
let mediaTemp: { dir: string; remove: () => void };
let mediaDir: string;
let port: number;

beforeAll(async () => {
  mediaTemp = createTempDir('fortune-sky-uploads-');
  mediaDir = join(mediaTemp.dir, 'media');
  clock = createTestClock('2026-01-05T09:00:00.000Z');
  site = await createTestApp({ MEDIA_DIR: mediaDir }, { clock });
  await site.app.listen({ port: 0, host: '127.0.0.1' });
  port = (site.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await site.close();
  mediaTemp.remove();
});

/** Every file under MEDIA_DIR (stored variants and any temporary upload), with its size. */
function filesUnderMediaDir(): { path: string; size: number }[] {
  if (!existsSync(mediaDir)) return [];
  return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, size: statSync(path).size };
    });
}

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const BOUNDARY = '----fortune-sky-slow-upload';
const DECLARED_BYTES = 14 * 1024 * 1024;

/**
 * Starts a multipart upload over a real socket that declares a 14 MB body (or `declaredBytes`),
 * and sends only its first `sentBytes`: a server that waits for the whole body never answers it.
 */
async function startSlowUpload(path: string, headers: Record<string, string>, sentBytes: number, declaredBytes = DECLARED_BYTES) {
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(declaredBytes) },
  });
  let failure: Error | undefined;
  const answered = new Promise<IncomingMessage>((resolve) => request.on('response', resolve));
  // The server may close the socket once it has answered: a write after that fails, as it should.
  request.on('error', (error) => (failure = error));
  const preamble = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`, 'latin1');
  const chunk = Buffer.alloc(64 * 1024, 0x42);
  const write = (data: Buffer) => new Promise<void>((resolve) => (request.write(data) ? resolve() : request.once('drain', resolve)));
  await write(preamble);
  for (let sent = preamble.length; sent < sentBytes && !failure; sent += chunk.length) await write(chunk);
  return {
    /** The response, which must come while most of the declared body is still unsent. */
    answer: () =>
      Promise.race([
        answered,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer: the server is waiting for the rest of the body')), 20_000)),
      ]),
    abort: () => request.destroy(),
  };
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (data: string) => (text += data));
    response.on('end', () => resolve(text));
    response.on('error', () => resolve(text));
    response.on('aborted', () => resolve(text));
  });
}

describe('uploads are refused before their body is read (finding 7)', () => {
  test('anonymous: the API answers 401 and the form redirects to sign-in while the 14 MB body is still unsent', async () => {
    for (const [path, status] of [
      ['/api/newsroom/media', 401],
      ['/newsroom/media/', 303],
    ] as const) {
      const upload = await startSlowUpload(path, {}, 256 * 1024);
      const response = await upload.answer();
      expect(response.statusCode, path).toBe(status);
      if (status === 303) expect(response.headers.location).toMatch(/^\/newsroom\/sign-in\//);
      // The rest of the body is not worth reading: the connection is closed after the answer.
      expect(response.headers.connection, path).toBe('close');
      upload.abort();
    }
  });

  test('signed in but without the CSRF token (header or query): 403 while the body is still unsent', async () => {
    const editor = await createSignedInUser(site, 'editor');
    for (const path of ['/api/newsroom/media', '/newsroom/media/', '/newsroom/media/?_csrf=not-the-token']) {
      const upload = await startSlowUpload(path, { cookie: editor.cookie }, 256 * 1024);
      const response = await upload.answer();
      expect(response.statusCode, path).toBe(403);
      expect(await readBody(response), path).toContain('This form has expired or was sent from another site');
      upload.abort();
    }
    expect(filesUnderMediaDir()).toEqual([]);
  });
});

describe('uploads are streamed to disk (finding 7)', () => {
  test('an upload in progress is written to a temporary file under MEDIA_DIR, which is removed when the client gives up', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const upload = await startSlowUpload('/api/newsroom/media', { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, 6 * 1024 * 1024);
    const temporary = await waitFor('the temporary file to hold most of what was sent', () =>
      filesUnderMediaDir().find((file) => file.size >= 4 * 1024 * 1024),
    );
    expect(temporary.path.startsWith(mediaDir)).toBe(true);
    upload.abort();
    await waitFor('the temporary file to be removed', () => (filesUnderMediaDir().length === 0 ? true : undefined));
  });

  test('a body declared larger than 15 MB is refused with 413 before it is read', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const upload = await startSlowUpload('/api/newsroom/media', { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, 256 * 1024, 20 * 1024 * 1024);
    const response = await upload.answer();
    expect(response.statusCode).toBe(413);
    expect(await readBody(response)).toContain('larger than 15 MB');
    upload.abort();
  });

  test('a file over 15 MB in a body that says less is refused with 413 while it streams, and leaves no temporary file', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const big = Buffer.alloc(15 * 1024 * 1024 + 1, 1);
    big.set([0xff, 0xd8, 0xff]);
    const before = filesUnderMediaDir();
    const { body, contentType } = multipartBody([{ name: 'alt', value: 'Too big' }, { name: 'file', filename: 'huge.jpg', contentType: 'image/jpeg', data: big }]);
    const page = await site.app.inject({
      method: 'POST',
      url: `/newsroom/media/?_csrf=${encodeURIComponent(editor.csrfToken)}`,
      headers: { 'content-type': contentType, cookie: editor.cookie },
      payload: body,
    });
    expect(page.statusCode).toBe(413);
    expect(page.body).toContain('larger than 15 MB');
    const api = await site.app.inject({
      method: 'POST',
      url: '/api/newsroom/media',
      headers: { 'content-type': contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
      payload: body,
    });
    expect(api.statusCode).toBe(413);
    expect(api.json().error.code).toBe('MEDIA_TOO_LARGE');
    expect(filesUnderMediaDir()).toEqual(before);
  });

  test('malformed multipart bodies are answered 4xx, never 500, and leave no temporary file', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const before = filesUnderMediaDir();
    const image = await makeImage('jpeg', 300, 200);
    const whole = multipartBody([{ name: 'file', filename: 'cut.jpg', contentType: 'image/jpeg', data: image }, { name: 'alt', value: 'Cut short' }]);
    const bodies: [string, string | Buffer][] = [
      ['cut short before the closing boundary', whole.body.subarray(0, whole.body.length - 200)],
      ['no parts at all', ''],
      ['garbage', 'this is not multipart at all'],
    ];
    for (const [what, payload] of bodies) {
      for (const contentType of [whole.contentType, 'multipart/form-data']) {
        const response = await site.app.inject({
          method: 'POST',
          url: '/api/newsroom/media',
          headers: { 'content-type': contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
          payload,
        });
        expect(response.statusCode, `${what} (${contentType})`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${what} (${contentType}): ${response.body}`).toBeLessThan(500);
      }
    }
    const twoFiles = multipartBody([
      { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: image },
      { name: 'file', filename: 'b.jpg', contentType: 'image/jpeg', data: image },
      { name: 'alt', value: 'Two files' },
    ]);
    const response = await site.app.inject({
      method: 'POST',
      url: '/api/newsroom/media',
      headers: { 'content-type': twoFiles.contentType, cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
      payload: twoFiles.body,
    });
    expect(response.statusCode).toBeLessThan(500);
    expect(filesUnderMediaDir().filter((file) => !before.some((old) => old.path === file.path) && file.path.includes('.incoming'))).toEqual([]);
  });

  test('the upload form carries its token in the action URL, so the form works without JavaScript and leaves no temporary file', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const library = await site.app.inject({ url: '/newsroom/media/', headers: { cookie: editor.cookie } });
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(library.body)?.[1]?.replaceAll('&amp;', '&');
    expect(action).toBe(`/newsroom/media/?_csrf=${editor.csrfToken}`);
    // As a browser sends it: the fields in the order of the form, no token among them.
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'form.jpg', contentType: 'image/jpeg', data: await makeImage('jpeg', 900, 600) },
      { name: 'alt', value: 'Sent through the form' },
      { name: 'caption', value: '' },
      { name: 'credit', value: '' },
    ]);
    const response = await site.app.inject({ method: 'POST', url: action!, headers: { 'content-type': contentType, cookie: editor.cookie }, payload: body });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    const id = Number(/uploaded=(\d+)/.exec(String(response.headers.location))![1]);
    const item = (await findMedia(site.database.db, id))!;
    expect(item).toMatchObject({ alt: 'Sent through the form', width: 900, height: 600, bytes: (await makeImage('jpeg', 900, 600)).length });
    expect(filesUnderMediaDir().filter((file) => !/\/[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|webp)$/.test(file.path))).toEqual([]);
  });
});

function uploadApi(session: TestSession, parts: MultipartPart[], server: Pick<TestApp, 'app'> = site) {
  const { body, contentType } = multipartBody(parts);
  return server.app.inject({
    method: 'POST',
    url: '/api/newsroom/media',
    headers: { 'content-type': contentType, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    payload: body,
  });
}

describe('image work per upload (finding 14)', () => {
  test('a decompression bomb (a small PNG of 7,000 × 7,000 pixels) is refused with 400 and a message naming the limit', async () => {
    const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const author = await createSignedInUser(site, 'author');
    const api = await uploadApi(author, [{ name: 'file', filename: 'bomb.png', contentType: 'image/png', data: bomb }, { name: 'alt', value: 'White' }]);
    expect(api.statusCode).toBe(400);
    expect(api.json().error).toMatchObject({ code: 'MEDIA_TOO_MANY_PIXELS' });
    expect(api.json().error.message).toContain('7000 × 7000 pixels; the limit is 40 megapixels');
    expect(await site.database.db.selectFrom('media').select('id').where('original_name', '=', 'bomb.png').execute()).toEqual([]);
  });

  test('uploads sent at once are all stored, with the usual variants', async () => {
    const author = await createSignedInUser(site, 'author');
    const responses = await Promise.all(
      [0, 1, 2].map(async (n) => uploadApi(author, [{ name: 'file', filename: `at-once-${n}.png`, contentType: 'image/png', data: await makeImage('png', 1700 + n, 900) }, { name: 'alt', value: `At once ${n}` }])),
    );
    for (const [n, response] of responses.entries()) {
      expect(response.statusCode, response.body.slice(0, 300)).toBe(201);
      // Only refusals close the connection.
      expect(response.headers.connection).not.toBe('close');
      const item = (await findMedia(site.database.db, (response.json() as { id: number }).id))!;
      const expected = ['png', 'webp'].flatMap((format) => [320, 640, 1024, 1600].map((w) => `${format}:${w}x${Math.round((w * 900) / (1700 + n))}`));
      expect(item.variants.map((v) => `${v.format}:${v.width}x${v.height}`).sort()).toEqual(expected.sort());
      // The files themselves have the sizes the pages announce in width/height and srcset.
      for (const variant of item.variants) {
        const meta = await sharp(join(mediaDir, variant.fileKey)).metadata();
        expect(`${meta.format}:${meta.width}x${meta.height}`).toBe(`${variant.format}:${variant.width}x${variant.height}`);
      }
    }
  });

  // The limit lives in the database: uploads spread over two instances behind one load balancer
  // get no more than against one.
  test('two servers on one database share the upload limit', async () => {
    const secondDatabase = await openReadyDatabase(site.config);
    const second = await buildApp({ config: site.config, database: secondDatabase, clock });
    try {
      // Two SQLite connections in one test process must not both be in a write transaction (the driver waits synchronously).
      second.scheduledPublisher.stop();
      const contributor = await createSignedInUser(site, 'contributor');
      const noFile = [{ name: 'alt', value: 'No file yet' }];
      for (let n = 0; n < 10; n += 1) {
        expect((await uploadApi(contributor, noFile)).statusCode).toBe(400);
        expect((await uploadApi(contributor, noFile, second)).statusCode).toBe(400);
      }
      expect((await uploadApi(contributor, noFile, second)).statusCode).toBe(429);
      expect((await uploadApi(contributor, noFile)).statusCode).toBe(429);
    } finally {
      await second.app.close();
      await secondDatabase.close();
      clock.advance(61_000);
    }
  });

  test('more than 20 uploads a minute by one user answer 429 with a message; a minute later uploads are taken again', async () => {
    const contributor = await createSignedInUser(site, 'contributor');
    const other = await createSignedInUser(site, 'contributor');
    const noFile = [{ name: 'alt', value: 'No file yet' }];
    for (let n = 0; n < 20; n += 1) expect((await uploadApi(contributor, noFile)).statusCode).toBe(400);
    const limited = await uploadApi(contributor, noFile);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('MEDIA_RATE_LIMITED');
    expect(limited.json().error.message).toContain('20 images a minute');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const { body, contentType } = multipartBody(noFile);
    const page = await site.app.inject({
      method: 'POST',
      url: `/newsroom/media/?_csrf=${encodeURIComponent(contributor.csrfToken)}`,
      headers: { 'content-type': contentType, cookie: contributor.cookie },
      payload: body,
    });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('20 images a minute');
    // Another user is not held back by this one.
    expect((await uploadApi(other, noFile)).statusCode).toBe(400);
    clock.advance(61_000);
    const later = await uploadApi(contributor, [{ name: 'file', filename: 'later.jpg', contentType: 'image/jpeg', data: await makeImage('jpeg', 300, 200) }, { name: 'alt', value: 'A minute later' }]);
    expect(later.statusCode).toBe(201);
  });
});
