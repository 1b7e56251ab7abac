import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {dump} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {evaluateInstant, parsePromql, PromqlError, type SeriesSet, type PromqlValue as Value} from '../../../playground';
import {load} from './series';
import {runTool} from './tools';

const minute = 60_000;

function samples(value: Value): Record<string, number> {
  if (value.type === 'scalar') return {scalar: value.value};
  return Object.fromEntries(value.samples.map((sample) => [JSON.stringify(Object.fromEntries(Object.entries(sample.labels).sort())), sample.value]));
}

const at = (expression: string, set: SeriesSet, t: number) => samples(evaluateInstant(parsePromql(expression), set, t));

describe('cases from Prometheus promql/testdata/functions.test', () => {
  const requests = load(5 * minute, {
    'http_requests{path="/foo"}': '0+10x10',
    'http_requests{path="/bar"}': '0+10x5 0+10x5',
  });

  it('increase(http_requests[50m]) at 50m: 100 for /foo, 90 for /bar (a counter reset added back)', () => {
    expect(at('increase(http_requests[50m])', requests, 50 * minute)).toEqual({'{"path":"/foo"}': 100, '{"path":"/bar"}': 90});
  });

  it('rate over 50m of 0+80x10 sampled every 5m is 0.26666666666666666 per second', () => {
    const canary = load(5 * minute, {'http_requests{group="canary",instance="1",job="app-server"}': '0+80x10'});
    expect(at('rate(http_requests{group="canary", instance="1", job="app-server"}[50m])', canary, 50 * minute)).toEqual({'{"group":"canary","instance":"1","job":"app-server"}': 0.26666666666666666});
  });

  it('vector(1) at 0m is {} 1, vector(time()) at 60m is {} 3600', () => {
    expect(at('vector(1)', requests, 0)).toEqual({'{}': 1});
    expect(at('vector(time())', requests, 60 * minute)).toEqual({'{}': 3600});
  });
});

describe('extrapolatedRate', () => {
  it('extrapolates to the window edge when the first sample is within 1.1 intervals of it', () => {
    // Samples at 1m..10m of a counter growing 60 per minute; window [0, 10m]: 9 intervals seen, 10 extrapolated.
    const set = load(minute, {'c{}': '_ 60+60x9'});
    expect(at('increase(c[10m])', set, 10 * minute)).toEqual({'{}': 600});
  });

  it('never extrapolates a counter below zero (durationToZero)', () => {
    // First sample 10 at 5m in a [0, 10m] window, 10 per minute: zero was at 4m, so only 1 minute is added.
    const set = load(minute, {'c{}': '_ _ _ _ _ 10+10x5'});
    expect(at('increase(c[10m])', set, 10 * minute)).toEqual({'{}': 60});
  });

  it('needs two samples: one sample in the window gives no result', () => {
    const set = load(minute, {'c{}': '_ _ _ _ _ _ _ _ _ 5'});
    expect(at('rate(c[5m])', set, 9 * minute)).toEqual({});
  });

  it('delta does not treat a drop as a reset', () => {
    const set = load(minute, {'g{}': '10 5 20'});
    expect(at('delta(g[2m])', set, 2 * minute)).toEqual({'{}': 10});
    expect(at('increase(g[2m])', set, 2 * minute)).toEqual({'{}': 20});
  });
});

describe('selectors, lookback and operators (Prometheus 2.42 semantics)', () => {
  const set = load(minute, {
    'lag{plant="P01",partition="0"}': '100 _ _ _ _ _ _',
    'lag{plant="P01",partition="1"}': '300x6',
    'lag{plant="P02",partition="0"}': '50x6',
    'rate_in{plant="P01"}': '200x6',
    'rate_out{plant="P01"}': '150x6',
    'active{plant="P01"}': '1x6',
    'active{plant="P02"}': '0x6',
  });

  it('an instant selector sees the newest sample up to 5 minutes old, inclusive at 2.x', () => {
    expect(at('lag{partition="0",plant="P01"}', set, 5 * minute)).toEqual({'{"__name__":"lag","partition":"0","plant":"P01"}': 100});
    expect(at('lag{partition="0",plant="P01"}', set, 5 * minute + 1)).toEqual({});
  });

  it('regex matchers are anchored; != and !~ match a missing label', () => {
    expect(Object.keys(at('lag{plant=~"P0"}', set, 0))).toEqual([]);
    expect(Object.keys(at('lag{plant=~"P0.", partition!~"1"}', set, 0)).length).toBe(2);
    expect(Object.keys(at('active{partition!="x"}', set, 0)).length).toBe(2);
  });

  it('max by keeps only the grouping labels; sum without drops the listed ones and the name', () => {
    expect(at('max by (plant) (lag)', set, minute)).toEqual({'{"plant":"P01"}': 300, '{"plant":"P02"}': 50});
    expect(at('sum without (partition) (lag)', set, 0)).toEqual({'{"plant":"P01"}': 400, '{"plant":"P02"}': 50});
    expect(at('count(lag)', set, 0)).toEqual({'{}': 3});
    expect(at('avg by (plant) (lag)', set, 0)).toEqual({'{"plant":"P01"}': 200, '{"plant":"P02"}': 50});
  });

  it('a comparison filters and keeps the left value and name; bool returns 0/1 without the name', () => {
    expect(at('rate_in > 1.2 * rate_out', set, 0)).toEqual({'{"__name__":"rate_in","plant":"P01"}': 200});
    expect(at('rate_in > 2 * rate_out', set, 0)).toEqual({});
    expect(at('rate_in > bool 1000', set, 0)).toEqual({'{"plant":"P01"}': 0});
    expect(at('1000 < rate_in', set, 0)).toEqual({});
    expect(at('100 < rate_in', set, 0)).toEqual({'{"__name__":"rate_in","plant":"P01"}': 200});
  });

  it('and/unless match on all labels but the name, or on the `on` labels', () => {
    expect(at('lag and on (plant) active == 1', set, 0)).toEqual({'{"__name__":"lag","partition":"0","plant":"P01"}': 100, '{"__name__":"lag","partition":"1","plant":"P01"}': 300});
    expect(at('active unless active == 0', set, 0)).toEqual({'{"__name__":"active","plant":"P01"}': 1});
    expect(Object.keys(at('active or lag', set, 0)).length).toBe(5);
  });

  it('one-to-one arithmetic with on() keeps only the on labels; duplicates on one side are an error', () => {
    expect(at('rate_in - on (plant) rate_out', set, 0)).toEqual({'{"plant":"P01"}': 50});
    expect(() => at('lag - on (plant) active', set, 0)).toThrow(/many-to-one matching must be explicit/);
  });

  it('absent() returns 1 with the equality matchers as labels when nothing matches', () => {
    expect(at('absent(nonexistent{job="pushgateway", instance=~".+"})', set, 0)).toEqual({'{"job":"pushgateway"}': 1});
    expect(at('absent(active)', set, 0)).toEqual({});
    expect(at('absent(active == 5)', set, 0)).toEqual({'{}': 1});
  });

  it('clamp_min, clamp_max and abs drop the metric name', () => {
    expect(at('clamp_min(active, 0.5)', set, 0)).toEqual({'{"plant":"P01"}': 1, '{"plant":"P02"}': 0.5});
    expect(at('clamp_max(lag, 120)', set, 0)).toEqual({'{"partition":"0","plant":"P01"}': 100, '{"partition":"1","plant":"P01"}': 120, '{"partition":"0","plant":"P02"}': 50});
    expect(at('abs(-active)', set, 0)).toEqual({'{"plant":"P01"}': 1, '{"plant":"P02"}': 0});
  });
});

describe('parsing with Prometheus grammar', () => {
  it('reports a syntax error at its position', () => {
    expect(() => parsePromql('max by (plant) (lag) >')).toThrow(PromqlError);
    try {
      parsePromql('rate(lag[5m]) > > 1');
    } catch (error) {
      expect((error as PromqlError).offset).toBeGreaterThanOrEqual(14);
    }
  });

  it('checks argument types as Prometheus does', () => {
    expect(() => parsePromql('rate(lag)')).toThrow('expected type range vector in call to function "rate", got instant vector');
    expect(() => parsePromql('max_over_time(lag)')).toThrow(/range vector/);
    expect(() => parsePromql('1 > 2')).toThrow('comparisons between scalars must use BOOL modifier');
    expect(() => parsePromql('{plant=~".*"}')).toThrow('vector selector must contain at least one non-empty matcher');
  });

  it('refuses valid PromQL outside the subset with a clear message instead of guessing', () => {
    expect(() => parsePromql('histogram_quantile(0.9, rate(x[5m]))')).toThrow(/outside what this lab evaluates/);
    expect(() => parsePromql('max_over_time(lag[10m:1m])')).toThrow(/subquery is valid PromQL but outside/i);
    expect(() => parsePromql('a * on (x) group_left (y) b')).toThrow(/group_left/);
  });
});

describe('promtool agrees with every function and operator the engine evaluates', () => {
  // Integer-valued series, so every result is exact in both engines.
  const set = load(minute, {
    'mfg_c_total{plant="P01",partition="0"}': '0+60x20',
    'mfg_c_total{plant="P01",partition="1"}': '0+120x8 0+120x11',
    'mfg_c_total{plant="P02",partition="0"}': '_ _ 30+30x17',
    'mfg_g{plant="P01"}': '5 7 3 9 1 8 2 6 4 10 5 7 3 9 1 8 2 6 4 10',
    'mfg_g{plant="P02"}': '100 _ _ _ _ _ _ 90 90 90 90 90 _ _ _ _ _ _ _ 80',
    'up{job="pushgateway"}': '1x9 0x10',
  });
  const expressions = [
    'rate(mfg_c_total[5m])',
    'increase(mfg_c_total[10m])',
    'delta(mfg_g[4m])',
    'sum by (plant) (rate(mfg_c_total[5m]))',
    'max without (partition) (mfg_c_total)',
    'min by (plant) (mfg_c_total)',
    'count(mfg_c_total)',
    'avg by (plant) (mfg_c_total)',
    'max_over_time(mfg_g[10m])',
    'min_over_time(mfg_g[10m])',
    'sum_over_time(mfg_g[4m])',
    'count_over_time(mfg_g[10m])',
    'last_over_time(mfg_g[10m])',
    'avg_over_time(mfg_g[3m])',
    'absent(up{job="pushgateway"} == 1)',
    'absent_over_time(mfg_g{plant="P03"}[5m])',
    'clamp_min(mfg_g, 6)',
    'clamp_max(mfg_g, 6)',
    'abs(mfg_g - 6)',
    'mfg_g > 5',
    'mfg_g > bool 5',
    '5 < mfg_g',
    'mfg_g % 4 + 2 ^ 2 * 3 / 6',
    'max by (plant) (mfg_c_total) > 300 and on (plant) mfg_g >= 5',
    'mfg_c_total unless on (plant) mfg_g > 50',
    'mfg_g or vector(time())',
    'mfg_g offset 3m',
    'time() - 60',
  ];
  const times = [0, 3, 5, 9, 12, 19].map((m) => m * minute);

  it(`${expressions.length} expressions at ${times.length} times give promtool's exact samples`, () => {
    const tests = expressions.flatMap((expr) =>
      times.map((time) => {
        const value = evaluateInstant(parsePromql(expr), set, time);
        const list = value.type === 'scalar' ? [{labels: {}, value: value.value}] : value.samples;
        return {
          expr,
          eval_time: `${time / minute}m`,
          exp_samples: list.map((sample) => ({
            labels: `${sample.labels.__name__ ?? ''}{${Object.entries(sample.labels).filter(([name]) => name !== '__name__').map(([name, v]) => `${name}="${v}"`).join(',')}}`,
            value: sample.value,
          })),
        };
      }),
    );
    expect(tests.filter((test) => test.exp_samples.length > 0).length).toBeGreaterThan(120);
    const folder = mkdtempSync(join(tmpdir(), 'mfg-promql-'));
    writeFileSync(join(folder, 'empty.yml'), 'groups: []\n');
    const input_series = set.series.map((series) => {
      const {__name__: name, ...labels} = series.labels;
      return {series: `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`, values: series.values.map((v) => (v === null ? '_' : String(v))).join(' ')};
    });
    writeFileSync(join(folder, 'functions.test.yml'), dump({rule_files: ['empty.yml'], tests: [{interval: '1m', input_series, promql_expr_test: tests}]}, {lineWidth: -1}));
    const {status, output} = runTool('promtool', ['test', 'rules', 'functions.test.yml'], folder);
    expect(output.slice(0, 3000)).toContain('SUCCESS');
    expect(status).toBe(0);
  });
});
