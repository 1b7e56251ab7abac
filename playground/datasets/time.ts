/** The fixed time frame every dataset lives in, and timestamp formatting that does not depend on the clock. */

/** Milliseconds in a second, a minute, an hour and a day. */
export const secondMs = 1_000;
export const minuteMs = 60 * secondMs;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** 2026-01-05 00:00:00 UTC, a Monday: the start of the 30-day window the events, changes and tests cover. */
export const windowStartMs = 1_767_571_200_000;

/** The window's length: 30 days. */
export const windowMs = 30 * dayMs;

/**
 * A timestamp `index` of `count` evenly spread over the window, moved by up to `jitterMs` either
 * way and kept inside the window, so row ids follow time roughly, as they do in a real stream.
 */
export function spreadOverWindow(index: number, count: number, jitterHash: number, jitterMs: number): number {
  const base = Math.floor(index * (windowMs / count));
  const jittered = base + (jitterHash % (2 * jitterMs + 1)) - jitterMs;
  return windowStartMs + Math.min(Math.max(jittered, 0), windowMs - 1);
}

/** ISO 8601 in UTC to the second, as plants send it: "2026-01-07T13:45:00Z". */
export function isoSeconds(epochMs: number): string {
  return `${new Date(epochMs - (epochMs % secondMs)).toISOString().slice(0, 19)}Z`;
}
