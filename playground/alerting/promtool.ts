import {dump} from 'js-yaml';
import type {Labels, SeriesSet} from './evaluate';
import type {AlertEvaluation} from './rules';

/**
 * Writes series and expected alerts as a `promtool test rules` file (the format of
 * cmd/promtool/unittest.go: input_series with space-separated values per interval, `_` for a
 * missing sample; alert_rule_test with eval_time, alertname and exp_alerts). promtool compares
 * only firing alerts, labels without alertname, and their annotations.
 */

function seriesText(labels: Labels): string {
  const {__name__: name, ...rest} = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((key) => `${key}=${JSON.stringify(rest[key])}`);
  return `${name ?? ''}{${pairs.join(',')}}`;
}

function duration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** A promtool test file whose expectations are the engine's firing alerts at `evalTimes` (ms). */
export function promtoolTestFile(options: {ruleFiles: string[]; series: SeriesSet; evaluation: AlertEvaluation; evalTimes: number[]; alertNames: string[]; withAnnotations?: boolean}): string {
  const {series, evaluation} = options;
  const stepOf = new Map(evaluation.times.map((time, index) => [time, index]));
  const alertRuleTests = options.evalTimes.flatMap((time) => {
    const step = stepOf.get(time);
    if (step === undefined) throw new RangeError(`eval time ${time} ms is not an evaluation step of the engine's run`);
    return options.alertNames.map((alertname) => ({
      eval_time: duration(time),
      alertname,
      exp_alerts: evaluation.alerts
        .filter((alert) => alert.rule === alertname && alert.states[step] === 'firing')
        .map((alert) => {
          const {alertname: _name, ...labels} = alert.labels;
          return options.withAnnotations ? {exp_labels: labels, exp_annotations: alert.annotations[step] ?? {}} : {exp_labels: labels};
        }),
    }));
  });
  return dump(
    {
      rule_files: options.ruleFiles,
      evaluation_interval: duration(evaluation.times.length > 1 ? evaluation.times[1]! - evaluation.times[0]! : 60_000),
      tests: [
        {
          interval: duration(series.intervalMs),
          input_series: series.series.map((item) => ({
            series: seriesText(item.labels),
            values: item.values.map((value) => (value === null ? '_' : String(value))).join(' '),
          })),
          alert_rule_test: alertRuleTests,
        },
      ],
    },
    {lineWidth: -1, noRefs: true},
  );
}
