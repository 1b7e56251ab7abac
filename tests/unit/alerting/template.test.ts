import {describe, expect, it} from 'vitest';
import {expandAlertTemplate, formatGoFloat, parseRules} from '../../../playground';

const render = (text: string, value: number, labels: Record<string, string> = {}) => expandAlertTemplate(text, 'X', {labels, value});
const each = (fn: string, values: number[]) => values.map((value) => render(`{{ ${fn} $value }}`, value)).join(':') + ':';

// Cases from Prometheus' template/template_test.go (TestTemplateExpansion), one value at a time.
describe("Prometheus' template functions, with the cases of template_test.go", () => {
  it('humanize', () => {
    expect(each('humanize', [0, 1, 1234567, 0.12])).toBe('0:1:1.235M:120m:');
  });
  it('humanize1024', () => {
    expect(each('humanize1024', [0, 1, 1048576, 0.12])).toBe('0:1:1Mi:0.12:');
  });
  it('humanizeDuration, seconds', () => {
    expect(each('humanizeDuration', [0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99])).toBe('0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:');
  });
  it('humanizeDuration, sub-second and fractional seconds', () => {
    expect(each('humanizeDuration', [0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345])).toBe('100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:');
  });
  it('humanizePercentage', () => {
    expect(each('humanizePercentage', [0, 0.1234567, 0.5, 1, 1.5])).toBe('0%:12.35%:50%:100%:150%:');
  });
  it('Inf and NaN', () => {
    expect(each('humanize', [Infinity, -Infinity, NaN])).toBe('+Inf:-Inf:NaN:');
    expect(each('humanizeDuration', [Infinity, -Infinity, NaN])).toBe('+Inf:-Inf:NaN:');
  });
  it('a string that is not a number fails the call, as convertToFloat does', () => {
    expect(render('{{ humanize1024 "one" }}', 0)).toMatch(/^<error expanding template: error executing template __alert_X: .*error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax>$/);
    expect(render('{{ humanizeDuration "3600" }}', 0)).toBe('1h 0m 0s');
  });
});

describe("Go's fmt for float64 (%v and %.4g)", () => {
  it('prints the shortest representation, switching to an exponent from 1e+06 and below 1e-04', () => {
    expect([600000, 1200000, 0.5, 0.00001, 1e21, -2.5, 123456.789].map((v) => formatGoFloat(v))).toEqual(['600000', '1.2e+06', '0.5', '1e-05', '1e+21', '-2.5', '123456.789']);
  });
  it('%.4g rounds to four significant digits, exact ties to even, and drops trailing zeros', () => {
    expect([1200, 600, 12.345, 12345, 1.5, 0.000123456, 2.5].map((v) => formatGoFloat(v, 4))).toEqual(['1200', '600', '12.35', '1.234e+04', '1.5', '0.0001235', '2.5']);
    expect(formatGoFloat(12355, 4)).toBe('1.236e+04');
  });
});

describe('templates over $labels and $value, as rules/alerting.go expands them', () => {
  const labels = {__name__: 'mfg_kafka_consumer_lag_records', plant: 'PLANT_01', query_name: 'bronze_sensor_events'};
  it('fields of $labels and .Labels, pipelines, printf and trimming', () => {
    expect(render('{{ $labels.query_name }} ({{ .Labels.plant }}) is {{ $value | humanize }} behind', 612000, labels)).toBe('bronze_sensor_events (PLANT_01) is 612k behind');
    expect(render('{{ printf "%.1f" $value }} / {{ $value }} / {{- " x" }}', 1234.56, labels)).toBe('1234.6 / 1234.56 / x');
    expect(render('{{ $labels.plant | toLower }} {{ $labels.__name__ }}', 0, labels)).toBe('plant_01 mfg_kafka_consumer_lag_records');
  });
  it('a label the sample lacks prints as empty (missingkey=zero)', () => {
    expect(render('terminated with {{ $labels.error_class }}.', 0, labels)).toBe('terminated with .');
  });
  it('an unknown function fails to parse, and the annotation says so as Prometheus writes it', () => {
    expect(render('{{ $value | humanise }}', 1)).toBe('<error expanding template: error parsing template __alert_X: template: __alert_X:1: function "humanise" not defined>');
  });
  it('a rule whose annotation does not parse is refused with the rule and the annotation, as promtool check rules does', () => {
    const result = parseRules('groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: up == 0\n        annotations:\n          summary: "{{ $value | humanise }}"\n');
    expect(result.ok ? [] : result.problems.map((problem) => [problem.line, problem.message])).toEqual([[4, 'X: annotation "summary": template: __alert_X:1: function "humanise" not defined']]);
  });
});
