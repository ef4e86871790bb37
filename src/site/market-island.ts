import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceFile } from '../source-root.js';

/** The built market island (client/strip/): its URL on reader pages and its bytes, served from memory. */
export interface MarketIsland {
  /** /assets/strip-{hash}.js: the name changes with the content, so it is cached for a year. */
  url: string;
  body: Buffer;
}

/** Where Vite writes the client build (vite.config.ts): dist/client/, beside src/ and in dist/. */
const CLIENT_BUILD_DIR = fileURLToPath(sourceFile('../dist/client/'));

/** URL prefix of the reader site's static files. */
export const SITE_ASSETS_PREFIX = '/assets/';

/** The island's entry in Vite's manifest. */
export const MARKET_ISLAND_ENTRY = 'client/strip/main.ts';
/** The live coverage island's entry (client/live/): it inserts a live story's new updates. */
export const LIVE_ISLAND_ENTRY = 'client/live/main.ts';

/**
 * Reads the island named by Vite's manifest, or undefined without a client build (npm run
 * build:client): the strip and quote chips are then links without prices.
 */
export function loadMarketIsland(dir = CLIENT_BUILD_DIR): MarketIsland | undefined {
  return loadSiteIsland(MARKET_ISLAND_ENTRY, dir);
}

/** Reads the live coverage island, or undefined without a client build: live pages are then fresh on reload only. */
export function loadLiveIsland(dir = CLIENT_BUILD_DIR): MarketIsland | undefined {
  return loadSiteIsland(LIVE_ISLAND_ENTRY, dir);
}

function loadSiteIsland(entryName: string, dir: string): MarketIsland | undefined {
  const manifestPath = `${dir}.vite/manifest.json`;
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
  const entry = manifest[entryName];
  if (!entry || !existsSync(dir + entry.file)) return undefined;
  return { url: SITE_ASSETS_PREFIX + entry.file.replace(/^assets\//, ''), body: readFileSync(dir + entry.file) };
}
