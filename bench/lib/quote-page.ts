// The quote page the load test asks for: one demo instrument with five years of daily history,
// put into the bench archive through the command line as an operator would (`fortune-sky
// instruments import`, `fortune-sky quotes import`); both upsert, so a reused archive stays as it was.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_INSTRUMENTS } from '../../src/markets/demo/demo-instruments.js';
import { demoDailyBars } from '../../src/markets/demo/demo-walk.js';

const SYMBOL = 'HALD';

/** Loads the instrument and its history into the database; returns its quote page's path. */
export function prepareQuotePage({ cli, databaseUrl, workDir }: { cli: string; databaseUrl: string; workDir: string }): string {
  const instrument = DEMO_INSTRUMENTS.find((candidate) => candidate.symbol === SYMBOL)!;
  const today = new Date().toISOString().slice(0, 10);
  const from = `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`;
  const bars = demoDailyBars(instrument, 1, from, today).filter((bar) => bar.day < today);
  const instrumentsCsv = join(workDir, 'instruments.csv');
  const historyCsv = join(workDir, 'history.csv');
  writeFileSync(instrumentsCsv, `symbol,name,kind,currency,decimals,mic\n${SYMBOL},${instrument.name},${instrument.kind},${instrument.currency},${instrument.decimals},${instrument.mic ?? ''}\n`);
  writeFileSync(historyCsv, ['Date,Open,High,Low,Close,Adj Close,Volume', ...bars.map((bar) => [bar.day, bar.open, bar.high, bar.low, bar.close, bar.close, bar.volume ?? ''].join(','))].join('\n'));
  const run = (args: string[]) => execFileSync(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['instruments', 'import', instrumentsCsv]);
  run(['quotes', 'import', historyCsv, '--symbol', SYMBOL, '--source', 'demo']);
  return `/markets/quote/${SYMBOL}/`;
}
