import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPageHead } from '../support/html-head.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The favicon set, the web app manifest and the brand mark's font, through HTTP on the database of
// the run: every reader page links them, each answers with its type and lifetime, and the pages'
// CSP lets in what they need (the inlined font, fetches to this origin) and nothing more.
let site: TestApp;

beforeAll(async () => {
  site = await createTestApp();
  await createArticles(site, [articleInput({ title: 'Icons story', section: 'Markets', tags: [{ kind: 'topic', name: 'Icon topic' }] })]);
});
afterAll(async () => site?.close());

const get = (url: string) => site.app.inject({ url });

/** The side of a PNG, from its IHDR (width and height). */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the icons and the manifest', () => {
  test('every reader page, the 404 page included, links the favicon, the SVG icon, the Apple touch icon and the manifest, and each answers', async () => {
    for (const path of ['/', '/markets/', '/topic/icon-topic/', '/search/?q=icons', '/no/such/page/']) {
      const links = readPageHead((await get(path)).body).links;
      const href = (rel: string, type?: string) => links.find((link) => link.rel === rel && (!type || link.type === type))?.href;
      expect(href('icon'), path).toBe('/favicon.ico');
      expect(href('icon', 'image/svg+xml'), path).toMatch(/^\/icons\/[0-9a-f]{12}\/icon\.svg$/);
      expect(href('apple-touch-icon'), path).toBe('/apple-touch-icon.png');
      expect(href('manifest'), path).toBe('/manifest.webmanifest');
    }
    const links = readPageHead((await get('/')).body).links.filter((link) => /icon|manifest/.test(link.rel ?? ''));
    for (const link of links) expect((await get(link.href!)).statusCode, link.href).toBe(200);
  });

  test('/favicon.ico is an icon file holding 16, 32 and 48 px PNGs, kept a day', async () => {
    const response = await get('/favicon.ico');
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.headers['cache-control']).toBe('public, max-age=86400, s-maxage=86400');
    const ico = response.rawPayload;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const sizes = [0, 1, 2].map((index) => {
      const entry = 6 + 16 * index;
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(pngSize(png)).toEqual([ico.readUInt8(entry), ico.readUInt8(entry + 1)]);
      return ico.readUInt8(entry);
    });
    expect(sizes).toEqual([16, 32, 48]);
    expect(ico.length).toBeLessThan(4096);
  });

  test('the Apple touch icon is a 180 px PNG', async () => {
    const response = await get('/apple-touch-icon.png');
    expect(response.headers['content-type']).toBe('image/png');
    expect(pngSize(response.rawPayload)).toEqual([180, 180]);
  });

  test('the manifest names the site, its colours and its icons, and each icon answers with its type and size, kept for good', async () => {
    const response = await get('/manifest.webmanifest');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    const manifest = response.json();
    expect(manifest).toMatchObject({ name: 'Fortune Sky', short_name: 'Fortune Sky', lang: 'en', start_url: '/', scope: '/', display: 'minimal-ui' });
    // The colours are the site's paper (light theme), as its stylesheet defines it.
    const paper = readFileSync(new URL('../../src/site/styles.css', import.meta.url), 'utf8').match(/--paper: (#[0-9a-f]{6})/)![1];
    expect(manifest.background_color).toBe(paper);
    expect(manifest.theme_color).toBe(paper);
    const icons = manifest.icons as { src: string; type: string; sizes: string; purpose: string }[];
    expect(icons.filter((icon) => icon.type === 'image/png').map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of icons) {
      const file = await get(icon.src);
      expect(file.statusCode, icon.src).toBe(200);
      expect(file.headers['content-type'], icon.src).toContain(icon.type);
      expect(file.headers['cache-control'], icon.src).toBe('public, max-age=31536000, immutable');
      if (icon.type === 'image/png') expect(pngSize(file.rawPayload).join('x'), icon.src).toBe(icon.sizes);
      else expect(file.body, icon.src).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  test('an icon under another version or name is the 404 page', async () => {
    expect((await get('/icons/000000000000/icon-192.png')).statusCode).toBe(404);
    const svgPath = readPageHead((await get('/')).body).links.find((link) => link.type === 'image/svg+xml')!.href!;
    expect((await get(svgPath.replace('icon.svg', 'icon-64.png'))).statusCode).toBe(404);
  });
});

describe('the brand mark’s font and the pages’ CSP', () => {
  test('the inlined stylesheet carries the mark’s symbols as WOFF2 data, each face limited to its characters', async () => {
    const html = (await get('/')).body;
    const faces = [...html.matchAll(/@font-face\{([^}]*)\}/g)].map((match) => match[1]!);
    expect(faces).toHaveLength(2);
    for (const face of faces) {
      expect(face).toContain('font-family:"Fortune Sky Mark"');
      const woff2 = Buffer.from(face.match(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/)![1]!, 'base64');
      expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
      expect(woff2.length).toBeLessThan(1200);
    }
    expect(faces.map((face) => face.match(/unicode-range:([^;]*)/)![1]).sort()).toEqual(['U+23AF', 'U+300A,U+300B']);
    expect(html).toMatch(/\.brand\{[^}]*font:700 [^;}]*"Fortune Sky Mark",var\(--serif\)/);
  });

  test('reader pages allow fonts from data: only, and fetches and the manifest from this origin only', async () => {
    for (const path of ['/', '/markets/', '/search/?q=icons', '/no/such/page/']) {
      const policy = (await get(path)).headers['content-security-policy'] as string;
      const directives = new Map(policy.split(/;\s*/).map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
      expect(directives.get('default-src'), path).toBe("'none'");
      expect(directives.get('font-src'), path).toBe('data:');
      expect(directives.get('connect-src'), path).toBe("'self'");
      expect(directives.get('manifest-src'), path).toBe("'self'");
    }
  });
});
