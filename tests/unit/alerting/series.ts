import type {SeriesSet} from '../../../playground';

/** Series in promtool's load notation (`0+10x10`), expanded as promtool expands them. */
export function load(intervalMs: number, spec: Record<string, string>): SeriesSet {
  return {
    intervalMs,
    series: Object.entries(spec).map(([selector, values]) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?\{(.*)\}$/.exec(selector)!;
      const labels: Record<string, string> = {};
      if (match[1]) labels.__name__ = match[1];
      for (const pair of match[2]!.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) labels[pair[1]!] = pair[2]!;
      const expanded: (number | null)[] = [];
      for (const token of values.trim().split(/\s+/)) {
        const run = /^(-?[\d.e]+)(?:([+-][\d.e]+)x(\d+))?$/.exec(token);
        const repeat = /^(-?[\d.e]+|_)x(\d+)$/.exec(token);
        if (token === '_') expanded.push(null);
        else if (repeat) for (let index = 0; index <= Number(repeat[2]); index += 1) expanded.push(repeat[1] === '_' ? null : Number(repeat[1]));
        else if (run && run[2] !== undefined) for (let index = 0; index <= Number(run[3]); index += 1) expanded.push(Number(run[1]) + index * Number(run[2]));
        else expanded.push(Number(token));
      }
      return {labels, values: expanded};
    }),
  };
}

