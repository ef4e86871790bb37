import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sitemap schemas shipped with the tests (sitemaps.org 0.9 and Google News). */
export const SITEMAP_SCHEMA_DIR = fileURLToPath(new URL('../fixtures/sitemaps/', import.meta.url));

/**
 * Runs xmllint (libxml2) on an XML document without network access: well-formedness only, or
 * validation against an XSD. Returns xmllint's exit code and what it said.
 */
export function xmllint(xml: string, schema?: string): { code: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-xmllint-'));
  try {
    const file = join(dir, 'document.xml');
    writeFileSync(file, xml);
    const args = ['--noout', '--nonet', ...(schema ? ['--schema', join(SITEMAP_SCHEMA_DIR, schema)] : []), file];
    const result = spawnSync('xmllint', args, { encoding: 'utf8' });
    if (result.error) throw result.error;
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** xmllint's version line, for the test report. */
export function xmllintVersion(): string {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? '';
}
