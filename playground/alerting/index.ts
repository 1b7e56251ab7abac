/** Alert rules evaluated with Prometheus' semantics and routed the way Alertmanager routes them. */
export {checkPromqlSyntax, parsePromql, parseDuration, metricNamesOf, PromqlError, promqlFunctions} from './promql';
export type {PromqlNode, LabelMatcher} from './promql';
export {evaluateInstant, extrapolatedRate, labelsKey, lookbackDeltaMs, EvaluationError} from './evaluate';
export type {Labels, Sample, Series, SeriesSet, Value as PromqlValue} from './evaluate';
export {evaluateAlertRules, firingAt, parseRules} from './rules';
export type {AlertEvaluation, AlertRule, AlertState, AlertTimeline, RecordingRule, RulesProblem} from './rules';
export {routeAlerts, parseAlertmanagerConfig, parseMatcher} from './alertmanager';
export type {AlertmanagerProblem, Inhibition, Notification, RoutedAlert} from './alertmanager';
export {generateIncident, incidentNames, incidentPlants, incidentTitle} from './incidents';
export type {Incident, IncidentName} from './incidents';
export {promtoolTestFile} from './promtool';
export {rangeQuery, stateRuns} from './charts';
export {progressMetrics} from './progress';
export type {ExportedMetric} from './progress';
export {incidentLogLines, loadPipelineLogs, logAnalysisQueries, logWindowStart} from './logs';
export {expandAlertTemplate, formatGoFloat, templateProblem} from './template';
export type {TemplateData} from './template';
