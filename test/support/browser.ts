import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium; the project never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether end-to-end tests can run here. CI must have Chromium: there a missing browser fails instead of skipping. */
export const canRunBrowser = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';

/** A fresh headless Chromium profile; close() also deletes it. */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'fortune-sky-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
