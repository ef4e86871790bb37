// Quotes and daily bars: checked, stored once, folded into daily bars, imported from CSV, pruned, and read.
export { MAX_QUOTES_PER_BATCH, storeDailyBars, storeQuotes, type QuoteBatchReport, type RefusedBar, type RefusedQuote } from './quote-ingest.js';
export { checkDailyBar, checkQuote, parseQuoteTime, TICK_MAX_AGE_MS, type DailyBarInput, type QuoteInput, type Refusal } from './quote-rules.js';
export { createQuoteTickPruner, TICK_RETENTION_MS } from './quote-tick-pruner.js';
export { importQuoteCsv, MAX_REPORTED_REFUSALS, type QuoteCsvOptions, type QuoteCsvReport } from './quote-csv-import.js';
export { QUOTES_USAGE, runQuotesCommand } from './quotes-command.js';
export {
  CHART_RANGES,
  MAX_INTRADAY_POINTS,
  readChartSeries,
  moversAmong,
  readMarketMovers,
  readQuoteSnapshot,
  readQuoteSnapshots,
  type ChartPoint,
  type ChartRange,
  type MarketMovers,
  type QuoteSnapshot,
} from './quote-reads.js';
