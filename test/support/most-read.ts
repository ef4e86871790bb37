import type { TestApp } from './test-app.js';

/** A desktop browser's user agent: counted as a reader (headless Chromium's own says HeadlessChrome, which isbot knows). */
export const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Writes what the site counted, makes the rankings due and recomputes them now (for tests on the real clock). */
export async function rankMostReadNow(site: TestApp): Promise<void> {
  await site.mostRead.flush();
  await site.database.db.updateTable('most_read_schedule').set({ next_run_at: '1970-01-01T00:00:00.000Z' }).execute();
  const outcome = await site.mostRead.runDue();
  if (!outcome.ran) throw new Error('The most read rankings were not recomputed.');
}
