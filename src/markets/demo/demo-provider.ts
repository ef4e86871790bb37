// The demo provider: made-up prices for the demo instruments, written through the same path as
// pushed quotes. One recurring job (`markets.demo-tick`) does the work, so of several instances
// one writes each minute's prices; the walk is the same everywhere, so a price written twice
// anyway (a lease taken over) is stored once by the tables' keys.
import { createJobWorker, type JobWorker } from '../../jobs/index.js';
import { enqueueJob, ensureJob, type ClaimedJob, type JobQueue, type Writer } from '../../storage/index.js';
import { storeDailyBars, storeQuotes, type QuoteInput } from '../quotes/index.js';
import { dayFromNumber, dayNumberOf } from '../exchanges/index.js';
import { DEMO_INSTRUMENTS, type DemoInstrument } from './demo-instruments.js';
import { isDemoTickStored, planDemoCatchUp } from './demo-plan.js';
import { readDemoInstrumentState, type DemoInstrumentState } from './demo-store.js';
import { DEMO_DELAY_MINUTES, DEMO_SOURCE, demoDailyBars, demoTicks } from './demo-walk.js';

/** The job kind: one job, moved to the next minute by each run. */
export const DEMO_PRICES_JOB = 'markets.demo-tick';
const JOB_KEY = 'demo';
/** The walk's seed: fixed, so every instance (and every restart) makes the same prices. */
export const DEMO_SEED = 13;
// Bounded batches, each one unit of work, with the event loop let go between them: on SQLite a
// write holds the loop for its whole transaction. On the shared 2-core machine 100 ticks take
// about 10 ms to store, 100 days of bars about 7 ms to make and store, a day of ticks a few ms to make.
const TICK_BATCH = 100;
const BAR_BATCH_DAYS = 100;
const TICK_SLICE_MS = 24 * 60 * 60_000;
// The first run writes five years of bars: longer than the default lease, on a slow machine.
const LEASE_MS = 5 * 60_000;

/** What one run wrote. */
export interface DemoRunReport {
  /** Instruments of the demo set found in the table and still the demo's. */
  instruments: number;
  bars: number;
  ticks: number;
  /** Demo symbols left alone: another source supplies them, or the newsroom redefined them. */
  leftAlone: string[];
  /** Quotes the write path refused (none expected; the run's log line shows them). */
  refused: number;
  /** Whether the run stopped early because the server is shutting down. */
  stopped: boolean;
}

/** What the provider needs. */
export interface DemoProviderOptions {
  writer: Writer;
  queue: JobQueue;
  workerId: string;
  clock: { now(): Date };
  onRun?: (report: DemoRunReport) => void;
  onError?: (error: unknown) => void;
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
}

/** The demo provider: a job worker for its one job, and the call that makes sure the job exists. */
export interface DemoProvider extends JobWorker {
  /** Creates the job, due now, unless it exists and may still run (every instance calls it at start). */
  schedule(): Promise<void>;
}

/**
 * Creates the demo provider. Each run, instrument by instrument: reads where its stored prices
 * end (one query), leaves it alone if another source supplies it, writes the missing daily bars
 * (five years on the first run) and ticks (a week on the first run; then each minute's), and
 * moves the job to the next minute. Closing it ends a run in progress between two batches; the
 * job is then due at once for another instance, or for this one's next start.
 */
export function createDemoProvider({ writer, queue, workerId, clock, onRun, onError, onGivenUp }: DemoProviderOptions): DemoProvider {
  let isClosing = false;

  async function writeBars(instrument: DemoInstrument, from: string, to: string): Promise<number> {
    let written = 0;
    for (let start = dayNumberOf(from); start <= dayNumberOf(to) && !isClosing; start += BAR_BATCH_DAYS) {
      const end = Math.min(start + BAR_BATCH_DAYS - 1, dayNumberOf(to));
      const bars = demoDailyBars(instrument, DEMO_SEED, dayFromNumber(start), dayFromNumber(end));
      if (bars.length > 0) written += (await storeDailyBars(writer, instrument.symbol, bars, { source: DEMO_SOURCE, delayMinutes: DEMO_DELAY_MINUTES, now: clock.now() })).stored;
      await yieldToLoop();
    }
    return written;
  }

  async function run(): Promise<DemoRunReport> {
    const report: DemoRunReport = { instruments: 0, bars: 0, ticks: 0, leftAlone: [], refused: 0, stopped: false };
    const now = clock.now();
    const pending: QuoteInput[] = [];
    const flush = async (count: number) => {
      const batch = pending.splice(0, count);
      const stored = await storeQuotes(writer, batch, { source: DEMO_SOURCE, now: clock.now() });
      report.ticks += stored.stored;
      report.refused += stored.refused.length;
      await yieldToLoop();
    };
    for (const instrument of DEMO_INSTRUMENTS) {
      if (isClosing) break;
      const state = await readDemoInstrumentState(writer.db, instrument.symbol);
      if (!state) continue;
      if (!isTheDemos(instrument, state)) {
        report.leftAlone.push(instrument.symbol);
        continue;
      }
      report.instruments += 1;
      const plan = planDemoCatchUp(instrument, state, now);
      if (plan.bars) report.bars += await writeBars(instrument, plan.bars.from, plan.bars.to);
      for (const range of plan.ticks) {
        for (let from = range.from.getTime(); from < range.to.getTime() && !isClosing; from += TICK_SLICE_MS) {
          const to = new Date(Math.min(from + TICK_SLICE_MS, range.to.getTime()));
          for (const tick of demoTicks(instrument, DEMO_SEED, new Date(from), to, range.stepMinutes)) {
            if (isDemoTickStored(instrument, plan, tick.at)) pending.push({ symbol: tick.symbol, time: tick.at, price: tick.price, dayVolume: tick.dayVolume, delayMinutes: tick.delayMinutes });
          }
          while (pending.length >= TICK_BATCH && !isClosing) await flush(TICK_BATCH);
          await yieldToLoop();
        }
      }
    }
    // Each minute's ticks of every instrument go in one batch: one change event a minute.
    if (pending.length > 0 && !isClosing) await flush(pending.length);
    report.stopped = isClosing;
    return report;
  }

  async function moveJob(runAt: Date): Promise<void> {
    await writer.run(clock.now(), (work) => enqueueJob(work.trx, { kind: DEMO_PRICES_JOB, key: JOB_KEY, runAt }, work.now));
  }

  const worker = createJobWorker({
    queue,
    workerId,
    clock,
    leaseMs: LEASE_MS,
    onError: (error) => onError?.(error),
    onGivenUp,
    handlers: {
      [DEMO_PRICES_JOB]: async () => {
        const report = await run();
        onRun?.(report);
        // Moving the job ends this claim, so completing it leaves the job for its next run.
        await moveJob(report.stopped ? clock.now() : nextMinute(clock.now()));
      },
    },
  });

  return {
    ...worker,
    async schedule() {
      await writer.run(clock.now(), (work) => ensureJob(work.trx, { kind: DEMO_PRICES_JOB, key: JOB_KEY, runAt: work.now }, work.now));
    },
    async close() {
      isClosing = true;
      await worker.close();
    },
  };
}

/**
 * Whether the demo still supplies this stored instrument: nobody else has stored a price of it, and
 * it is still defined as the demo set has it (the walk's trading hours and decimals are the set's).
 */
function isTheDemos(instrument: DemoInstrument, state: DemoInstrumentState): boolean {
  return !state.hasOtherSource && state.kind === instrument.kind && state.mic === instrument.mic && state.decimals === instrument.decimals;
}

/** The start of the minute after `at`. */
function nextMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + 60_000);
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
