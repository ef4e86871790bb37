// How long one poll's feed reading holds the event loop, at the poll's 2 MB limit: a 500-item RSS
// feed of ~4 KB items, parsed (one synchronous call) and normalized a slice at a time, as
// pollSource does. Usage: npx tsx bench/poll-hold.ts [ROUNDS] (default 10).
import { loadavg } from 'node:os';
import { normalizeFeedItem, parseFeed } from '../src/ingest/feeds/index.js';
import { POLL_MAX_BYTES } from '../src/ingest/polling/index.js';
import { formatTable } from './lib/report.js';
import { median } from './lib/statistics.js';

const rounds = Number(process.argv[2] ?? '10');
const ITEMS = 500;
const SLICE = 25;
const paragraph = (index: number, n: number) =>
  `<p>Shares in Harbour Metals rose ${(index % 9) + 1}.${n}% in early trading after the company said copper output at its <a href="../mines/valdera-${n}">Valdera mine</a> would rise by a fifth this year, as the port strike that held up shipments for two weeks came to an end and buyers in Asia returned.</p>`;
const item = (index: number) => `
  <item>
    <title>Harbour Metals lifts output forecast as strike ends (${index})</title>
    <link>/markets/2026/03/harbour-metals-${index}</link>
    <guid isPermaLink="false">hw-hold-${index}</guid>
    <pubDate>Mon, 02 Mar 2026 09:15:00 +0100</pubDate>
    <content:encoded><![CDATA[${Array.from({ length: 11 }, (_, n) => paragraph(index, n)).join('')}]]></content:encoded>
  </item>`;
const feed = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Wire</title><link>https://wire.example.com/</link>${Array.from({ length: ITEMS }, (_, index) => item(index)).join('')}</channel></rss>`);
if (feed.length > POLL_MAX_BYTES) throw new Error('the bench feed is over the poll limit');

const options = { feedUrl: 'https://wire.example.com/feeds/markets.xml', sourceName: 'Harbour Wire', credit: 'Harbour Wire' };
const samples = { parse: [] as number[], slice: [] as number[], all: [] as number[] };
for (let round = 0; round < rounds + 2; round++) {
  const start = performance.now();
  const parsed = parseFeed(feed, { url: options.feedUrl, contentType: 'application/rss+xml', maxBytes: POLL_MAX_BYTES });
  if (parsed.kind !== 'parsed' || parsed.items.length !== ITEMS) throw new Error('the bench feed did not parse');
  const parseMs = performance.now() - start;
  let longestSlice = 0;
  for (let from = 0; from < ITEMS; from += SLICE) {
    const sliceStart = performance.now();
    for (const entry of parsed.items.slice(from, from + SLICE)) normalizeFeedItem(entry, options);
    longestSlice = Math.max(longestSlice, performance.now() - sliceStart);
  }
  // The first two rounds warm the JIT.
  if (round < 2) continue;
  samples.parse.push(parseMs);
  samples.slice.push(longestSlice);
  samples.all.push(performance.now() - start);
}
console.log(`Feed of ${ITEMS} items, ${(feed.length / 1024).toFixed(0)} KB; ${rounds} rounds; load average ${loadavg()[0]!.toFixed(1)}`);
console.log(
  formatTable([
    ['step', 'median ms', 'worst ms'],
    ['parseFeed (one block)', median(samples.parse).toFixed(1), Math.max(...samples.parse).toFixed(1)],
    [`longest slice of ${SLICE} normalized items (one block)`, median(samples.slice).toFixed(1), Math.max(...samples.slice).toFixed(1)],
    ['parse + normalize in all (blocks summed)', median(samples.all).toFixed(1), Math.max(...samples.all).toFixed(1)],
  ]),
);
