/**
 * The reader site on a 360 px phone (issue 14), every kind of page with the demo content and prices:
 * nothing scrolls the page sideways, the section bar keeps to one line (scrolling within itself if
 * ever too long), the masthead stays compact, the market strip scrolls within itself, axe-core finds
 * nothing; and the brand mark's symbols are drawn from the site's own font, not whatever the machine
 * has (Chromium's DevTools protocol tells which font drew each glyph).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SITE_BRAND } from '../../src/site/site-identity.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { createDemoSite } from '../support/demo-site.js';
import type { TestApp } from '../support/test-app.js';

const VIEWPORT = { width: 360, height: 740 };
/** About a quarter of the phone's height: tagline, brand, search box and section bar. */
const MASTHEAD_MAX_HEIGHT = 200;

describe.skipIf(!canRunBrowser)('the reader site on a 360 px phone', () => {
  let site: TestApp;
  let baseUrl: string;
  let pages: Record<string, string>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    ({ site, pages } = await createDemoSite());
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser({ viewport: VIEWPORT, bypassCSP: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('every kind of page fits: no sideways page scroll, a one-line section bar, a compact masthead, the strip scrolling within itself; no axe violations', async () => {
    const page = await browser.context.newPage();
    const violations: Record<string, string[]> = {};
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(baseUrl + path);
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        const sectionBar = document.querySelector('.sections ul')!;
        const links = Array.from(sectionBar.querySelectorAll('a'), (link) => link.getBoundingClientRect());
        const strip = document.querySelector('.market-strip ul');
        return {
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          linkTops: [...new Set(links.map((link) => Math.round(link.top)))],
          sectionBarHeight: box('.sections ul').height,
          linkHeight: links[0]!.height,
          mastheadHeight: box('.masthead').height,
          stripScrolls: strip ? strip.scrollWidth > strip.clientWidth : null,
        };
      });
      expect(layout.pageOverflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      expect(layout.linkTops, `${name}: section links on one line`).toHaveLength(1);
      // One line of links and the bar's own padding (0.35rem above and below), never a second line.
      expect(layout.sectionBarHeight, name).toBeLessThan(layout.linkHeight * 1.8);
      expect(layout.mastheadHeight, name).toBeLessThanOrEqual(MASTHEAD_MAX_HEIGHT);
      // The demo strip holds more prices than a phone shows: they scroll within the strip.
      expect(layout.stripScrolls, name).toBe(true);
      violations[name] = await accessibilityViolations(page);
    }
    expect(violations).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, []])));
    await page.close();
  });

  test('the section bar scrolls sideways within itself when its names do not fit, and its first name stays in reach', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 280, height: 600 });
    await page.goto(baseUrl + '/');
    const bar = await page.evaluate(() => {
      const list = document.querySelector('.sections ul')!;
      const first = list.querySelector('a')!.getBoundingClientRect();
      return { scrolls: list.scrollWidth > list.clientWidth, firstLeft: first.left, pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    expect(bar).toEqual({ scrolls: true, firstLeft: expect.any(Number), pageOverflow: 0 });
    expect(bar.firstLeft).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  test('the brand mark’s symbols ⎯ 《 》 are drawn from its own inlined font, the words from the site’s serif', async () => {
    const page = await browser.context.newPage();
    await page.goto(baseUrl + '/');
    const devtools = await browser.context.newCDPSession(page);
    await devtools.send('DOM.enable');
    await devtools.send('CSS.enable');
    const { root } = await devtools.send('DOM.getDocument');
    const { nodeId } = await devtools.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.brand' });
    const { fonts } = await devtools.send('CSS.getPlatformFontsForNode', { nodeId });
    // Web fonts are "custom": the mark's faces are the page's only ones, and they drew its three symbols.
    const glyphsDrawn = (isCustomFont: boolean) => fonts.filter((font) => font.isCustomFont === isCustomFont).reduce((glyphs, font) => glyphs + font.glyphCount, 0);
    expect(glyphsDrawn(true)).toBe(3);
    expect(glyphsDrawn(false)).toBe([...SITE_BRAND].filter((character) => !'⎯《》'.includes(character)).length);
    await page.close();
  });
});
