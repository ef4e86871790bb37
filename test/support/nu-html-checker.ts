import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// vnu-jar's module exports the path of the bundled jar; its install script (which fetches a Java
// runtime) is never run: Java comes from the system (.ci/run installs one where it is missing).
const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;

/** One message from the Nu Html Checker. */
export interface NuMessage {
  type: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/** Checks HTML documents with the Nu Html Checker in one JVM run; returns its errors per document name. */
export function checkHtml(documents: Record<string, string>): { errors: NuMessage[]; raw: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-vnu-'));
  try {
    for (const [name, html] of Object.entries(documents)) writeFileSync(join(dir, `${name}.html`), html);
    const result = spawnSync('java', ['-jar', vnuJar, '--skip-non-html', '--errors-only', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    const raw = result.stderr || result.stdout;
    const { messages } = JSON.parse(raw) as { messages: NuMessage[] };
    return { errors: messages.map((m) => ({ ...m, url: m.url?.slice(m.url.lastIndexOf('/') + 1) })), raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The checker's version, for the test report. */
export function nuHtmlCheckerVersion(): string {
  return spawnSync('java', ['-jar', vnuJar, '--version'], { encoding: 'utf8' }).stdout.trim();
}
