/** How the flattening lab writes numbers: counts with separators, shares as percentages, sizes in bytes. */

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A share in [0, 1] as a percentage; small non-zero shares keep a second decimal so they do not read as 0. */
export function formatShare(value: number): string {
  const percent = value * 100;
  if (percent > 0 && percent < 0.1) {
    return `${percent.toFixed(2)}%`;
  }
  return `${percent.toFixed(1)}%`;
}

export function formatMs(value: number): string {
  return value >= 10_000 ? `${(value / 1_000).toFixed(1)} s` : `${formatCount(value)} ms`;
}

const byteUnits = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes in binary units with one decimal (1.5 MiB), exact below 1 KiB. */
export function formatBytes(value: number): string {
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < byteUnits.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${formatCount(value)} bytes` : `${scaled.toFixed(1)} ${byteUnits[unit]}`;
}

/** `a` over `b` as "3.2×"; a dash when `b` is 0. */
export function formatRatio(a: number, b: number): string {
  return b === 0 ? '–' : `${(a / b).toFixed(1)}×`;
}
