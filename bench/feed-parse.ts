// Parse + normalize throughput of wire feeds: a 500-item RSS 2.0 feed (each item ~2 KB of
// content:encoded HTML with relative links and an image, Dublin Core creator, categories, a Media
// RSS picture) read with parseFeed and every item mapped with normalizeFeedItem, in this process.
// Usage: npx tsx bench/feed-parse.ts [ROUNDS] (default 20). The whole ingest path is budgeted at
// ≥ 2,000 items/s; this step must leave most of that to dedupe, filing and saving.
import { loadavg } from 'node:os';
import { normalizeFeedItem, parseFeed } from '../src/ingest/feeds/index.js';
import { formatTable } from './lib/report.js';
import { median } from './lib/statistics.js';

const rounds = Number(process.argv[2] ?? '20');
const ITEMS = 500;

const paragraph = (index: number, n: number) =>
  `<p>Shares in Harbour Metals rose ${(index % 9) + 1}.${n}% in early trading after the company said copper output at its <a href="../mines/valdera-${n}">Valdera mine</a> would rise by a fifth this year, as the port strike that held up shipments for two weeks came to an end and buyers in Asia returned.</p>`;
const item = (index: number) => `
  <item>
    <title>Harbour Metals lifts output forecast as strike ends (${index})</title>
    <link>/markets/2026/03/harbour-metals-${index}</link>
    <guid isPermaLink="false">hw-bench-${index}</guid>
    <pubDate>Mon, 02 Mar 2026 ${String(index % 24).padStart(2, '0')}:15:00 +0100</pubDate>
    <dc:creator>Mara Lindqvist and Tomas Okafor</dc:creator>
    <category>Commodities</category><category>Metals</category>
    <description><![CDATA[Output will rise by a fifth, the company said.]]></description>
    <content:encoded><![CDATA[${[1, 2, 3, 4, 5].map((n) => paragraph(index, n)).join('')}<p><img src="img/chart-${index}.png" alt="Output chart"></p>]]></content:encoded>
    <media:content url="https://cdn.wire.example.com/photos/${index}.jpg" medium="image"><media:credit>Harbour Wire</media:credit></media:content>
  </item>`;
const feed = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Harbour Wire</title><link>https://wire.example.com/</link>${Array.from({ length: ITEMS }, (_, index) => item(index)).join('')}</channel></rss>`);

const options = { feedUrl: 'https://wire.example.com/feeds/markets.xml', sourceName: 'Harbour Wire', credit: 'Harbour Wire' };
// Wall time, and this process's CPU time (on a busy machine, wall time also counts the waits for a core).
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const samples = { parseWall: [] as number[], parseCpu: [] as number[], totalWall: [] as number[], totalCpu: [] as number[] };
for (let round = 0; round < rounds + 2; round++) {
  const [wall0, cpu0] = [performance.now(), cpuMs()];
  const parsed = parseFeed(feed, { url: options.feedUrl, contentType: 'application/rss+xml' });
  if (parsed.kind !== 'parsed' || parsed.items.length !== ITEMS) throw new Error('the bench feed did not parse');
  const [wall1, cpu1] = [performance.now(), cpuMs()];
  for (const entry of parsed.items) normalizeFeedItem(entry, options);
  const [wall2, cpu2] = [performance.now(), cpuMs()];
  // The first two rounds warm the JIT.
  if (round < 2) continue;
  samples.parseWall.push(wall1 - wall0);
  samples.parseCpu.push(cpu1 - cpu0);
  samples.totalWall.push(wall2 - wall0);
  samples.totalCpu.push(cpu2 - cpu0);
}

const perSecond = (ms: number) => Math.round((ITEMS / ms) * 1000).toLocaleString('en');
const row = (step: string, wall: number[], cpu: number[]) => [step, median(wall).toFixed(1), perSecond(median(wall)), median(cpu).toFixed(1), perSecond(median(cpu))];
console.log(`Feed of ${ITEMS} items, ${(feed.length / 1024).toFixed(0)} KB; ${rounds} rounds; load average ${loadavg()[0]!.toFixed(1)}`);
console.log(
  formatTable([
    ['step', 'wall ms per feed', 'items/s (wall)', 'CPU ms per feed', 'items/s (CPU)'],
    row('parseFeed', samples.parseWall, samples.parseCpu),
    row('parseFeed + normalizeFeedItem', samples.totalWall, samples.totalCpu),
  ]),
);
