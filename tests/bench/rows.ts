/** One benchmark row as `bench-results/bench.json` holds it: the median of the runs, and the runs to 0.1 ms. */
export interface BenchRow<E extends string = string> {
  environment: E;
  name: string;
  medianMs: number;
  runsMs: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A row from the runs' times. */
export function benchRow<E extends string>(environment: E, name: string, runsMs: readonly number[]): BenchRow<E> {
  return {environment, name, medianMs: median(runsMs), runsMs: runsMs.map((ms) => Math.round(ms * 10) / 10)};
}
