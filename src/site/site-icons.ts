import { createHash } from 'node:crypto';
import { drawPublisherLogoAsync, publisherLogoSvg } from '../syndication/index.js';
import { SITE_DESCRIPTION, SITE_NAME } from './site-identity.js';

/** Where browsers look for a favicon when a page names none (and where every page names it). */
export const FAVICON_PATH = '/favicon.ico';
/** Where iOS looks for its home-screen icon when a page names none. */
export const APPLE_TOUCH_ICON_PATH = '/apple-touch-icon.png';
/** The web app manifest every page links. */
export const MANIFEST_PATH = '/manifest.webmanifest';

// The icons are the publisher logo, drawn from one design (publisherLogoSvg and the PNG drawing
// share it); its SVG's hash names the folder of the icons only the pages and the manifest link, so
// those are cached for good, and a new design gets new addresses.
const VERSION = createHash('sha256').update(publisherLogoSvg()).digest('hex').slice(0, 12);
const ICON_FOLDER = `/icons/${VERSION}`;
/** The scalable favicon. */
export const SVG_ICON_PATH = `${ICON_FOLDER}/icon.svg`;

const FOR_A_DAY = 'public, max-age=86400, s-maxage=86400';
const FOR_GOOD = 'public, max-age=31536000, immutable';
// The site's paper colour (styles.css --paper, light theme): the masthead an installed app shows.
const PAPER = '#ffffff';
/** Sizes in the favicon.ico: tabs, bookmarks, the Windows taskbar. */
const FAVICON_SIZES = [16, 32, 48];
/** Home-screen icons the manifest offers (Chrome asks for 192 and 512). */
const MANIFEST_ICON_SIZES = [192, 512];

/** A file of the icon set: where it is served, what it is and how long it may be kept. */
export interface SiteIconFile {
  path: string;
  contentType: string;
  cacheControl: string;
  /** Draws it (once: the page cache keeps the answer). */
  render: () => Promise<Buffer | string>;
}

/** The favicon.ico, the SVG icon, the Apple touch icon and the manifest's PNG icons. */
export function siteIconFiles(): SiteIconFile[] {
  return [
    { path: FAVICON_PATH, contentType: 'image/x-icon', cacheControl: FOR_A_DAY, render: async () => icoFromPngs(await Promise.all(FAVICON_SIZES.map(drawPublisherLogoAsync))) },
    { path: SVG_ICON_PATH, contentType: 'image/svg+xml', cacheControl: FOR_GOOD, render: async () => publisherLogoSvg() },
    { path: APPLE_TOUCH_ICON_PATH, contentType: 'image/png', cacheControl: FOR_A_DAY, render: () => drawPublisherLogoAsync(180) },
    ...MANIFEST_ICON_SIZES.map((size) => ({ path: pngIconPath(size), contentType: 'image/png', cacheControl: FOR_GOOD, render: () => drawPublisherLogoAsync(size) })),
  ];
}

function pngIconPath(size: number): string {
  return `${ICON_FOLDER}/icon-${size}.png`;
}

/**
 * The web app manifest: the site's name, icons and colours for a home screen. The icons are
 * maskable too: the design's ring (34.5 % of the side from the centre) stays inside the 40 % circle
 * a mask may keep.
 */
export function webAppManifest(language: string): string {
  return JSON.stringify({
    name: SITE_NAME,
    short_name: SITE_NAME,
    description: SITE_DESCRIPTION,
    lang: language,
    start_url: '/',
    scope: '/',
    display: 'minimal-ui',
    background_color: PAPER,
    theme_color: PAPER,
    icons: [
      { src: SVG_ICON_PATH, type: 'image/svg+xml', sizes: 'any', purpose: 'any' },
      ...MANIFEST_ICON_SIZES.map((size) => ({ src: pngIconPath(size), type: 'image/png', sizes: `${size}x${size}`, purpose: 'any' })),
      { src: pngIconPath(512), type: 'image/png', sizes: '512x512', purpose: 'maskable' },
    ],
  });
}

/** An ICO file holding PNG images (each square, at most 256 px), as browsers have read since Windows Vista. */
export function icoFromPngs(pngs: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map((png) => {
    const side = png.readUInt32BE(16); // the IHDR width
    if (side > 256 || png.readUInt32BE(20) !== side) throw new Error(`An ICO image is square and at most 256 px; got ${side} × ${png.readUInt32BE(20)}.`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(side % 256, 0); // 0 means 256
    entry.writeUInt8(side % 256, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel, as written for PNG entries
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs]);
}
