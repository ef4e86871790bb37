// A chart's input made ready to draw: points parsed and checked, in time order, split at gaps,
// and thinned to what a chart can show.

/** One price at one time: `t` in epoch milliseconds or ISO 8601 ('YYYY-MM-DD' for a trading day); a null price is a gap. */
export interface ChartPoint {
  t: number | string;
  price: number | null;
}

/** A checked point, with its place in the whole series. */
export interface TimedPrice {
  t: number;
  price: number;
  index: number;
}

/** The most points a chart accepts: more is a caller's bug, and would cost CPU for nothing. */
export const MAX_CHART_INPUT = 100_000;

/** Parses and checks points, in time order; null prices stay as gaps. Throws RangeError on a bad point. */
export function parsePoints(points: readonly ChartPoint[]): { t: number; price: number | null }[] {
  if (points.length > MAX_CHART_INPUT) throw new RangeError(`A chart takes at most ${MAX_CHART_INPUT} points (got ${points.length})`);
  let sorted = true;
  const parsed = points.map((point, index) => {
    const t = typeof point.t === 'number' ? point.t : Date.parse(point.t);
    if (!Number.isFinite(t)) throw new RangeError(`Point ${index}: not a time: ${JSON.stringify(point.t)}`);
    if (point.price !== null && !Number.isFinite(point.price)) throw new RangeError(`Point ${index}: not a price: ${String(point.price)}`);
    return { t, price: point.price };
  });
  for (let i = 1; i < parsed.length && sorted; i++) sorted = parsed[i - 1]!.t <= parsed[i]!.t;
  return sorted ? parsed : parsed.sort((a, b) => a.t - b.t);
}

/**
 * Splits a series into runs without a gap: at null prices, and (when `breakOnSilence`) where
 * the time between two points is over five times the usual step (a day without data in a year,
 * a missing hour in a day).
 */
export function splitAtGaps(points: readonly { t: number; price: number | null }[], breakOnSilence: boolean): TimedPrice[][] {
  const steps: number[] = [];
  for (let i = 1; i < points.length; i++) if (points[i]!.price !== null && points[i - 1]!.price !== null) steps.push(points[i]!.t - points[i - 1]!.t);
  // The median step (a typed array sorts numbers natively, without a comparator call each).
  const usualStep = steps.length ? Float64Array.from(steps).sort()[Math.floor(steps.length / 2)]! : 0;
  const runs: TimedPrice[][] = [];
  let run: TimedPrice[] = [];
  for (const [index, point] of points.entries()) {
    const last = run.at(-1);
    if (point.price === null || (breakOnSilence && last && usualStep > 0 && point.t - last.t > 5 * usualStep)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (point.price !== null) run.push({ t: point.t, price: point.price, index });
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Thins a run drawn at x positions to at most two points per bucket (its lowest and highest, in
 * time order) plus the run's first and last: the line keeps every peak and trough a screen can
 * show, in one pass.
 */
export function thinRun<T extends { price: number }>(run: readonly T[], xOf: (point: T) => number, buckets: number, width: number): T[] {
  if (run.length <= 2 * buckets) return [...run];
  const bucketOf = (index: number) => Math.min(buckets - 1, Math.floor((xOf(run[index]!) / width) * buckets));
  const keptIndices: number[] = [0];
  const keep = (index: number) => {
    if (keptIndices.at(-1) !== index) keptIndices.push(index);
  };
  let [low, high, bucket] = [0, 0, bucketOf(0)];
  for (let i = 1; i < run.length - 1; i++) {
    const b = bucketOf(i);
    if (b !== bucket) {
      keep(Math.min(low, high));
      keep(Math.max(low, high));
      [low, high, bucket] = [i, i, b];
    } else if (run[i]!.price < run[low]!.price) low = i;
    else if (run[i]!.price > run[high]!.price) high = i;
  }
  keep(Math.min(low, high));
  keep(Math.max(low, high));
  keep(run.length - 1);
  return keptIndices.map((index) => run[index]!);
}
