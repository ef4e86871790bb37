// The server-drawn price chart in Chromium at a phone's and a desktop's width: it fills its
// container at the chart's aspect ratio, its line is drawn in the change's colour across the
// plot, and its labels stay readable. Screenshots go to .tmp/screenshots/ (not committed).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chartDataTable, renderPriceChart } from '../../src/markets/chart/index.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';

const SCREENSHOTS = join(process.cwd(), '.tmp', 'screenshots');
const LINE_UP = [0x1a, 0x8f, 0x3c];

function fiveYearsOfCloses() {
  const points: { t: string; price: number }[] = [];
  for (let day = Date.UTC(2021, 11, 6); points.length < 1260; day += 86_400_000) {
    if ([0, 6].includes(new Date(day).getUTCDay())) continue;
    points.push({ t: new Date(day).toISOString().slice(0, 10), price: 40 + 8 * Math.sin(points.length / 45) + points.length / 60 });
  }
  return points;
}

function page(chart: string, table: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Chart</title>
<style>body { margin: 0; font-family: system-ui, sans-serif; color: #1d232b; background: #fff; } main { max-width: 44rem; margin: 0 auto; padding: 0 1rem; } figure { margin: 0; max-width: 36rem; } svg { display: block; }</style></head>
<body><main><h1>Halden Motors Inc</h1><figure id="chart">${chart}</figure>${table}</main></body></html>`;
}

describe.skipIf(!canRunBrowser)('the price chart in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  const points = fiveYearsOfCloses();
  const options = { points, range: '5Y', decimals: 2, currency: 'USD', title: 'Halden Motors Inc' } as const;
  const html = page(renderPriceChart(options), chartDataTable({ ...options, caption: 'Halden Motors Inc, 5 years' }));

  for (const viewport of [{ name: 'mobile', width: 360, height: 740 }, { name: 'desktop', width: 1280, height: 800 }]) {
    test(`at ${viewport.name} width (${viewport.width} × ${viewport.height}) it fills its container, draws the line and keeps labels readable`, async () => {
      const tab = await browser.context.newPage();
      try {
        await tab.setViewportSize({ width: viewport.width, height: viewport.height });
        await tab.setContent(html);
        const figure = await tab.locator('#chart').boundingBox();
        const svg = await tab.locator('#chart svg').boundingBox();
        expect(svg!.width).toBeCloseTo(figure!.width, 0);
        expect(svg!.width).toBeLessThanOrEqual(viewport.width);
        expect(svg!.height / svg!.width).toBeCloseTo(220 / 400, 2);
        // The smallest label, in CSS pixels: at least 9 px high on a phone.
        const labelHeights = await tab.locator('#chart svg text').evaluateAll((texts) => texts.map((text) => text.getBoundingClientRect().height));
        expect(Math.min(...labelHeights)).toBeGreaterThanOrEqual(9);
        await expect(tab.getByRole('img', { name: 'Halden Motors Inc, 5 years' }).count()).resolves.toBe(1);

        const file = join(SCREENSHOTS, `price-chart-${viewport.name}.png`);
        const shot = await tab.locator('#chart svg').screenshot({ path: file });
        const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        // Pixels of the line's colour, and the columns they reach.
        const columns = new Set<number>();
        let lineColoured = 0;
        let nonWhite = 0;
        for (let i = 0; i < data.length; i += 3) {
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (r < 250 || g < 250 || b < 250) nonWhite++;
          if (Math.abs(r - LINE_UP[0]!) < 24 && Math.abs(g - LINE_UP[1]!) < 24 && Math.abs(b - LINE_UP[2]!) < 24) {
            lineColoured++;
            columns.add((i / 3) % info.width);
          }
        }
        expect(nonWhite / (info.width * info.height)).toBeGreaterThan(0.05);
        expect(lineColoured).toBeGreaterThan(info.width);
        // The line runs across the plot (all but the price labels' column on the right).
        expect(columns.size / info.width).toBeGreaterThan(0.8);
      } finally {
        await tab.close();
      }
    });
  }
});
