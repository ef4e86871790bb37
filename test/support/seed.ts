import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The seed page is third-party text: tests read it from the shared folder beside the project.
const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** Path of the seed article as ninjs. */
export const SEED_NINJS_PATH = `${sharedDir}fixtures/seed-article.ninjs.json`;

/** What the seed article page must show, in order. */
export interface SeedExpectation {
  site_tagline: string;
  site_brand: string;
  title: string;
  displayed_time: string;
  display_time_zone: string;
  teaser: string;
  paragraphs: string[];
}

/** The expected rendering of the seed article. */
export function readSeedExpectation(): SeedExpectation {
  return JSON.parse(readFileSync(`${sharedDir}fixtures/seed-article.expected.json`, 'utf8')) as SeedExpectation;
}

/** The ninjs standard folder (schema and wire examples). */
export const NINJS_STANDARD_DIR = `${sharedDir}standards/ninjs/`;
