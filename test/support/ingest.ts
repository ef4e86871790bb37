import type { IncomingItem, IngestSource, SourceSettings } from '../../src/ingest/pipeline/index.js';
import { findSource } from '../../src/ingest/pipeline/index.js';
import type { Database } from '../../src/storage/index.js';

let sequence = 0;

// MurmurHash3's finaliser: every input bit moves every output bit, so nearby seeds share no words.
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Made-up words from syllables, so generated items share no copy and are never near duplicates of each other.
const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'van', 'sul', 'dra', 'pek', 'ron', 'fis', 'gal', 'tum', 'bre', 'nox', 'hil', 'zap', 'quo', 'wen', 'yar', 'cid'];
function madeUpWords(seed: number, count: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = mix(seed * 1_000 + i) % 8000;
    words.push(SYLLABLES[n % 20]! + SYLLABLES[Math.floor(n / 20) % 20]! + SYLLABLES[Math.floor(n / 400) % 20]!);
  }
  return words;
}

/** A normalized incoming item, as the feed reader hands it over; override what the test is about. */
export function incomingItem(overrides: { guid?: string; title?: string; dek?: string; body?: string; url?: string; publishedAt?: string; updatedAt?: string; section?: string | null } = {}): IncomingItem {
  sequence += 1;
  const guid = overrides.guid ?? `https://wire.example.com/items/${sequence}`;
  const words = madeUpWords(sequence, 40);
  const title = overrides.title ?? `${words.slice(0, 7).join(' ')} ${sequence}`;
  return {
    input: {
      uri: guid,
      title,
      dek: overrides.dek ?? '',
      excerpt: null,
      bodyHtml: overrides.body ?? `<p>${words.slice(7).join(' ')}.</p>`,
      section: overrides.section ?? null,
      bylines: ['Wire Staff'],
      tags: [],
      canonicalUrl: null,
      source: 'wire',
      language: 'en',
      publishedAt: overrides.publishedAt ?? '2026-06-01T08:00:00.000Z',
      updatedAt: overrides.updatedAt ?? null,
    },
    provenance: { guid, originalUrl: overrides.url ?? guid, publishedAt: overrides.publishedAt ?? '2026-06-01T08:00:00.000Z', updatedAt: overrides.updatedAt },
    images: [],
  };
}

/** Inserts a source directly (the settings path is tested on its own) and reads it back. */
export async function createSource(database: Database, settings: Partial<SourceSettings> = {}): Promise<IngestSource> {
  sequence += 1;
  const now = new Date().toISOString();
  const row = await database.db
    .insertInto('ingest_sources')
    .values({
      name: settings.name ?? `Test wire ${sequence}`,
      url: settings.url ?? `http://127.0.0.1/feed-${sequence}.xml`,
      format: settings.format ?? null,
      poll_seconds: settings.pollSeconds ?? 300,
      default_section: settings.defaultSection ?? null,
      policy: settings.policy ?? 'draft',
      credit: settings.credit ?? `Test Wire ${sequence}`,
      enabled: settings.isEnabled === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findSource(database.db, Number(row.id)))!;
}
