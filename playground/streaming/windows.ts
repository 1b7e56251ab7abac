/**
 * The windows a timestamp belongs to, as Spark's `TimeWindowing` rule computes them (Spark 3.5 and
 * 4.0, window start time 0): the last window start at or before the timestamp is
 * `ts - (ts - startTime + slide) % slide`, and the `ceil(size / slide)` windows before it that
 * still contain the timestamp. Windows are [start, end): a row at exactly `end` belongs to the next.
 * Returned oldest first.
 */
export function windowsOf(timestampMs: number, sizeMs: number, slideMs: number = sizeMs): number[] {
  const lastStart = timestampMs - positiveModulo(timestampMs + slideMs, slideMs);
  const overlapping = Math.ceil(sizeMs / slideMs);
  const starts: number[] = [];
  for (let index = overlapping - 1; index >= 0; index--) {
    const start = lastStart - index * slideMs;
    if (start <= timestampMs && timestampMs < start + sizeMs) {
      starts.push(start);
    }
  }
  return starts;
}

// Spark's `%` on longs keeps the dividend's sign; event times here are after 1970, so it is the
// same as a positive modulo, which also keeps the function right for the hand-made test times.
function positiveModulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
