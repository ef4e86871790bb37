import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { MINUS } from '../format/index.js';
import { chartDataTable, MAX_PLOTTED_POINTS, priceAxis, renderPriceChart, type ChartPoint, type PriceChartOptions } from './index.js';

const DAY = 86_400_000;
const base = { decimals: 2, currency: 'USD', title: 'Halden Motors Inc' } as const;
/** Weekdays only, like a share's daily closes. */
function dailyCloses(count: number, from = Date.UTC(2021, 11, 6)): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (let day = from; points.length < count; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    points.push({ t: new Date(day).toISOString().slice(0, 10), price: 100 + 15 * Math.sin(points.length / 40) + points.length / 50 });
  }
  return points;
}
const validate = (svg: string) => execFileSync('xmllint', ['--noout', '-'], { input: svg, encoding: 'utf8' });
const pathPoints = (svg: string) => [...svg.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]!.split(/[ML]/).filter(Boolean).length);
const tickLabels = (svg: string) => [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" dy="0.35em" fill="currentColor">([^<]+)<\/text>/g)].map((m) => m[1]!);
const xLabels = (svg: string) => [...svg.matchAll(/text-anchor="(?:start|middle|end)" fill="currentColor">([^<]+)</g)].map((m) => m[1]!);

describe('renderPriceChart', () => {
  test('five years of daily closes: valid SVG, responsive, named, with the summary, year labels and round ticks', () => {
    const points = dailyCloses(1260);
    const svg = renderPriceChart({ ...base, points, range: '5Y' });
    validate(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 400 220" width="100%" role="img" aria-labelledby="price-chart-5Y-title price-chart-5Y-desc"/);
    expect(svg).not.toMatch(/\sheight="\d/);
    expect(svg).toContain('<title id="price-chart-5Y-title">Halden Motors Inc, 5 years</title>');
    const first = points[0]!.price!;
    const last = points.at(-1)!.price!;
    expect(svg).toContain(`from $${first.toFixed(2)} to $${last.toFixed(2)}, up `);
    expect(xLabels(svg)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    const ticks = tickLabels(svg).map(Number);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    const step = ticks[1]! - ticks[0]!;
    expect([1, 2, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
    // Thinned to what a screen can show, peaks kept.
    expect(pathPoints(svg)[0]).toBeLessThanOrEqual(MAX_PLOTTED_POINTS + 2);
    expect(pathPoints(svg)[0]).toBeGreaterThan(100);
  });

  test('text is escaped everywhere, ids included', () => {
    const svg = renderPriceChart({ ...base, title: '<script>alert("x")</script> & Co', id: 'q"1', points: dailyCloses(30), range: '1M' });
    validate(svg);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co, 1 month');
    expect(svg).toContain('id="q&#34;1-title"');
  });

  test('1D: hour labels in the exchange time zone, and the previous close as a dashed line in the summary', () => {
    const open = Date.parse('2026-12-03T14:30:00Z'); // 09:30 in New York
    const points = Array.from({ length: 79 }, (_, i) => ({ t: open + i * 5 * 60_000, price: 50 + (i % 7) * 0.1 }));
    const svg = renderPriceChart({ ...base, points, range: '1D', market: { kind: 'equity', mic: 'XNYS' }, previousClose: 49.5 });
    validate(svg);
    // 10:00 to 16:00 hourly would be seven labels: every two hours.
    expect(xLabels(svg)).toEqual(['10:00', '12:00', '14:00', '16:00']);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('against a previous close of $49.50');
    expect(svg).toContain('#1a8f3c'); // up: green
  });

  test('5D: weekday labels, sessions side by side', () => {
    const points: ChartPoint[] = [];
    // Monday 30 November to Friday 4 December 2026, 09:30 to 16:00 in New York.
    for (let day = 0; day < 5; day++) {
      const open = Date.parse('2026-11-30T14:30:00Z') + day * DAY;
      for (let i = 0; i < 79; i++) points.push({ t: open + i * 5 * 60_000, price: 60 - day - i / 100 });
    }
    const svg = renderPriceChart({ ...base, points, range: '5D', market: { kind: 'equity', mic: 'XNYS' } });
    validate(svg);
    expect(xLabels(svg)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(svg).toContain('#d93025'); // down: red
    expect(svg).toContain(`${MINUS}`);
  });

  test("5D of a currency: its trading days run 17:00 to 17:00 New York, so Sunday evening reads as Monday", () => {
    const start = Date.parse('2026-11-29T22:00:00Z'); // Sunday 17:00 New York
    const points = Array.from({ length: 5 * 96 }, (_, i) => ({ t: start + i * 15 * 60_000, price: 1.08 + (i % 11) / 10_000 }));
    const chart = { ...base, decimals: 4, kind: 'fx', points, range: '5D', market: { kind: 'fx', mic: null } } as const;
    expect(xLabels(renderPriceChart(chart))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    // The table gives clock times, which read as they are: Sunday evening.
    expect(chartDataTable({ ...chart, caption: 'c' })).toMatch(/<time datetime="2026-11-30T00:45:00.000Z">Sun 29 Nov 19:45</);
  });

  test('6M / 1Y: months, with January as its year; 1M: day and month', () => {
    const year = renderPriceChart({ ...base, points: dailyCloses(252, Date.UTC(2025, 11, 1)), range: '1Y' });
    expect(xLabels(year)[0]).toBe('2026');
    expect(xLabels(year).every((label) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|2026)$/.test(label))).toBe(true);
    expect(xLabels(year).length).toBeLessThanOrEqual(6);
    expect(xLabels(renderPriceChart({ ...base, points: dailyCloses(22), range: '1M' }))[0]).toMatch(/^\d{1,2} (Dec|Jan)$/);
  });

  test('a gap in the data breaks the line; a null price too', () => {
    const points = dailyCloses(120);
    const withHole = [...points.slice(0, 40), ...points.slice(70)];
    expect(pathPoints(renderPriceChart({ ...base, points: withHole, range: '6M' }))).toHaveLength(2);
    const withNull = [...points.slice(0, 40), { t: points[40]!.t, price: null }, ...points.slice(41)];
    expect(pathPoints(renderPriceChart({ ...base, points: withNull, range: '6M' }))).toHaveLength(2);
  });

  test('a flat series, one point, and no points', () => {
    const flat = renderPriceChart({ ...base, decimals: 4, points: dailyCloses(20).map((p) => ({ ...p, price: 1.12 })), range: '1M', kind: 'fx' });
    validate(flat);
    expect(new Set(tickLabels(flat)).size).toBe(tickLabels(flat).length);
    expect(tickLabels(flat).length).toBeGreaterThanOrEqual(4);
    expect(flat).toContain('unchanged, 0.0000 (0.00%)');
    const one = renderPriceChart({ ...base, points: [{ t: '2026-12-03', price: 42 }], range: '1M' });
    validate(one);
    expect(one).toContain('<circle');
    expect(one).toContain('one price');
    const none = renderPriceChart({ ...base, points: [], range: '1D' });
    validate(none);
    expect(none).toContain('>No data</text>');
    expect(none).toContain('No price data for 1 day.');
    expect(renderPriceChart({ ...base, points: [{ t: 1, price: null }], range: '1D' })).toContain('>No data<');
  });

  test('bad points are refused with the reason', () => {
    const chart = (points: ChartPoint[]) => () => renderPriceChart({ ...base, points, range: '1D' } as PriceChartOptions);
    expect(chart([{ t: 'yesterday', price: 1 }])).toThrow(/Point 0: not a time/);
    expect(chart([{ t: 1, price: Number.NaN }])).toThrow(/Point 0: not a price/);
    expect(chart(Array.from({ length: 100_001 }, (_, t) => ({ t, price: 1 })))).toThrow(/at most 100000 points/);
  });

  test('unsorted points are drawn in time order', () => {
    const points = dailyCloses(30);
    expect(renderPriceChart({ ...base, points: [...points].reverse(), range: '1M' })).toBe(renderPriceChart({ ...base, points, range: '1M' }));
  });
});

describe('priceAxis', () => {
  test('4 to 6 ticks of 1, 2 or 5 × 10ⁿ covering the range, never finer than the decimals', () => {
    for (const [min, max, decimals] of [[87.79, 154.1, 2], [0.00001, 0.00002, 8], [4210, 4262, 2], [1.1, 1.1, 4], [0, 0, 2], [-0.5, 0.3, 3], [99.99, 100.01, 2], [1, 1e6, 0]] as const) {
      const axis = priceAxis(min, max, decimals);
      expect(axis.ticks.length, `${min}–${max}`).toBeGreaterThanOrEqual(4);
      expect(axis.ticks.length).toBeLessThanOrEqual(6);
      expect(axis.low).toBeLessThanOrEqual(min);
      expect(axis.high).toBeGreaterThanOrEqual(max);
      const step = axis.ticks[1]! - axis.ticks[0]!;
      expect(step).toBeGreaterThanOrEqual(10 ** -decimals - 1e-12);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
    }
  });
});

describe('chartDataTable', () => {
  const rows = (html: string) => [...html.matchAll(/<tr><th scope="row"><time datetime="([^"]+)">([^<]+)<\/time><\/th><td>([^<]+)<\/td><\/tr>/g)].map((m) => ({ at: m[1]!, label: m[2]!, price: m[3]! }));

  test('5 years of days: one row per month (the month end), at most 60, valid markup', () => {
    const html = chartDataTable({ ...base, points: dailyCloses(1260), range: '5Y', caption: 'Halden Motors Inc, 5 years' });
    validate(html);
    const table = rows(html);
    expect(table.length).toBeLessThanOrEqual(60);
    expect(table.length).toBeGreaterThan(55);
    expect(table[1]!.label).toBe('Jan 2022');
    expect(table[1]!.at.slice(0, 10)).toBe('2022-01-31');
  });

  test('1D of 5-minute prices: every 10 minutes in the exchange zone; 1Y: weekly', () => {
    const open = Date.parse('2026-12-03T14:30:00Z');
    const intraday = Array.from({ length: 79 }, (_, i) => ({ t: open + i * 5 * 60_000, price: 50 + i / 100 }));
    const day = rows(chartDataTable({ ...base, points: intraday, range: '1D', market: { kind: 'equity', mic: 'XNYS' }, caption: 'c' }));
    expect(day.length).toBeLessThanOrEqual(60);
    expect(day[0]!.label).toBe('09:35');
    expect(day.at(-1)).toEqual({ at: '2026-12-03T21:00:00.000Z', label: '16:00', price: '$50.78' });
    const year = rows(chartDataTable({ ...base, points: dailyCloses(252, Date.UTC(2025, 11, 1)), range: '1Y', caption: 'c' }));
    expect(year.length).toBeGreaterThanOrEqual(50);
    expect(year.length).toBeLessThanOrEqual(54);
  });

  test('any series stays within 60 rows; no data says so; the caption is escaped', () => {
    const minutes = Array.from({ length: 20_000 }, (_, i) => ({ t: i * 60_000, price: 1 + i / 1e5 }));
    expect(rows(chartDataTable({ ...base, points: minutes, range: '1D', caption: 'c' })).length).toBeLessThanOrEqual(60);
    const empty = chartDataTable({ ...base, points: [], range: '1M', caption: 'A & B' });
    expect(empty).toContain('<caption>A &#38; B</caption>');
    expect(empty).toContain('No data');
  });
});
