// Price chart render time: five years of daily closes (1,260 points, the demo walk's) drawn as
// the quote page's 5Y SVG chart, in this process. DESIGN budget (issue 13): ≤ 5 ms median.
// Usage: npx tsx bench/chart-render.ts [RENDERS] (default 500); `npm run bench` runs it too.
import { pathToFileURL } from 'node:url';
import { renderPriceChart } from '../src/markets/chart/index.js';
import { DEMO_INSTRUMENTS } from '../src/markets/demo/demo-instruments.js';
import { demoDailyBars } from '../src/markets/demo/demo-walk.js';
import { checkBudget, formatTable } from './lib/report.js';
import { median, percentile } from './lib/statistics.js';

export const CHART_RENDER_BUDGET_MS = 5;
const POINTS = 1260;

/** Wall and CPU time of one 5Y chart render, median and p95, after a warm-up. */
export function measureChartRender(renders = 500) {
  const instrument = DEMO_INSTRUMENTS.find((candidate) => candidate.symbol === 'HALD')!;
  const points = demoDailyBars(instrument, 1, '2021-12-01', '2026-11-30')
    .slice(-POINTS)
    .map((bar) => ({ t: bar.day, price: bar.close }));
  if (points.length !== POINTS) throw new Error(`the bench series has ${points.length} points, not ${POINTS}`);
  const options = { points, range: '5Y', decimals: instrument.decimals, currency: instrument.currency, title: instrument.name } as const;
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let round = 0; round < renders + 50; round++) {
    const [wall0, cpu0] = [performance.now(), cpuMs()];
    bytes = renderPriceChart(options).length;
    // The first 50 renders warm the JIT.
    if (round < 50) continue;
    wall.push(performance.now() - wall0);
    cpu.push(cpuMs() - cpu0);
  }
  return { points: POINTS, renders, bytes, medianMs: median(wall), p95Ms: percentile(wall, 95), cpuMedianMs: median(cpu) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = measureChartRender(Number(process.argv[2] ?? '500'));
  const budget = checkBudget('price chart render, 5 years of daily points, median', result.medianMs, 'ms', CHART_RENDER_BUDGET_MS, 'max');
  console.log(`5Y chart of ${result.points} daily points, ${result.renders} renders, SVG ${result.bytes.toLocaleString('en')} bytes`);
  console.log(
    formatTable([
      ['figure', 'ms'],
      ['wall median', result.medianMs],
      ['wall p95', result.p95Ms],
      ['CPU median', result.cpuMedianMs],
    ]),
  );
  console.log(`budget ≤ ${CHART_RENDER_BUDGET_MS} ms median: ${budget.status}`);
}
