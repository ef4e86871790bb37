// Screenshots for the README (npm run screenshots): the newsroom's dashboard, the story editor and a
// live story, at desktop and phone widths, in Chromium on the demo site (demo stories and prices,
// a few stories in each state of the workflow, a live story with updates). Writes
// docs/screenshots/*.png. Needs the client build (npm run build:client) and /usr/bin/chromium.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_INSTRUMENTS } from '../src/markets/demo/index.js';
import { launchBrowser, signInInBrowser } from '../test/support/browser.js';
import { createDemoSite } from '../test/support/demo-site.js';
import { createUser, formBody, formHeaders, signIn, type TestSession } from '../test/support/newsroom.js';
import type { TestApp } from '../test/support/test-app.js';
import { articlePathOf } from '../test/support/two-instances.js';

const OUT_DIR = new URL('../docs/screenshots/', import.meta.url);
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** Posts a newsroom form as the session; throws unless it answers with a redirect. */
async function post(site: TestApp, session: TestSession, url: string, fields: Record<string, string>): Promise<string> {
  const response = await site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
  if (response.statusCode !== 303) throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return String(response.headers.location);
}

/** Creates a story through the editor's form, then presses each further button in turn; returns its id. */
async function story(site: TestApp, session: TestSession, fields: Record<string, string>, ...steps: string[]): Promise<number> {
  const form = { dek: '', excerpt: '', section: 'markets', bylines: 'Ana Cruz', topics: 'Rates', slug: '', canonical_url: '', ...fields };
  const location = await post(site, session, '/newsroom/stories/', { ...form, action: 'save' });
  const id = Number(/\/newsroom\/stories\/(\d+)\//.exec(location)?.[1]);
  for (const action of steps) {
    const editor = await site.app.inject({ url: `/newsroom/stories/${id}/edit`, headers: { cookie: session.cookie } });
    const revision = /name="revision" value="(\d+)"/.exec(editor.body)?.[1] ?? '';
    await post(site, session, `/newsroom/stories/${id}/edit`, { ...form, revision, action });
  }
  return id;
}

async function shoot(page: Page, url: string, name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await page.screenshot({ path: new URL(`${name}-${size}.png`, OUT_DIR).pathname });
    console.log(`docs/screenshots/${name}-${size}.png`);
  }
}

const { site } = await createDemoSite();
try {
  const account = await createUser(site, { role: 'editor', name: 'Ana Cruz', email: 'ana.cruz@news.test' });
  const editor = await signIn(site, account.email, account.password);
  const body = '<p>The central bank held its main rate on Tuesday, as most economists expected, and signalled that it wants more evidence before it cuts.</p>';
  await story(site, editor, { title: 'Bond traders price in a slower path for rate cuts', body });
  await story(site, editor, { title: 'Chipmakers lift guidance as data-centre orders climb', section: 'industries', body });
  await story(site, editor, { title: 'Payments start-up files for a listing in New York', section: 'business', body }, 'submit');
  const draft = await story(site, editor, { title: 'What the rate decision means for mortgages', dek: 'Fixed rates have already moved; variable ones follow the decision.', body });

  const symbol = DEMO_INSTRUMENTS.find((instrument) => instrument.kind === 'index')!.symbol;
  const live = await story(site, editor, { title: 'Rate decision: live coverage', dek: 'The central bank announces its decision at 2 p.m.', body }, 'publish');
  await post(site, editor, `/newsroom/stories/${live}/live/start`, {});
  const updates = [
    { text: 'Good afternoon. The decision is due at 2 p.m.; markets price a hold.', quote: '' },
    { text: 'Rates held at 4.25 %, as expected. Two members voted for a cut.', quote: symbol },
    { text: 'Bond yields fall after the vote split: the two-year is down 6 basis points.', quote: '' },
    { text: 'The governor: "We need more evidence that inflation is heading to target."', quote: '' },
  ];
  for (const update of updates) await post(site, editor, `/newsroom/stories/${live}/live/updates`, update);
  const pinned = await site.database.db.selectFrom('live_updates').select('id').where('article_id', '=', live).orderBy('id').limit(2).execute();
  await post(site, editor, `/newsroom/stories/${live}/live/updates/${pinned[1]!.id}/pin`, { pinned: '1' });

  mkdirSync(OUT_DIR, { recursive: true });
  const baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  try {
    const page = await signInInBrowser(browser.context, baseUrl, account.email, account.password);
    await shoot(page, `${baseUrl}/newsroom/`, 'desk');
    await shoot(page, `${baseUrl}/newsroom/stories/${draft}/edit`, 'editor');
    await shoot(page, `${baseUrl}/newsroom/stories/${live}/live/`, 'live-desk');
    await shoot(page, baseUrl + (await articlePathOf(site.database, live)), 'live-story');
  } finally {
    await browser.close();
  }
} finally {
  await site.close();
}
