import {load, YAMLException} from 'js-yaml';
import * as z from 'zod';
import {lineAndColumn} from '../lab/text';
import {matchesAll, parseMatcher, type AlertmanagerProblem} from './alertmanager';
import type {Labels} from './evaluate';
import {matchesLabel, parseDuration, type LabelMatcher} from './promql';

/**
 * Alertmanager silences, transcribed from prometheus/alertmanager 0.25: silence/silence.go
 * (validateSilence, Silencer.Mutes: the active silences whose matchers all match the alert's
 * labels) and types/types.go CalcSilenceState (pending before startsAt, active from startsAt until
 * before endsAt, expired from endsAt). The lab has no wall clock, so startsAt and endsAt are
 * offsets from the start of the incident window (`40m`, `1h30m`) instead of timestamps.
 */

export interface Silence {
  /** 0-based position in the list. */
  index: number;
  matchers: LabelMatcher[];
  /** The matchers as written. */
  matcherText: string[];
  startsAtMs: number;
  endsAtMs: number;
  comment: string;
  createdBy: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

const duration = z.union([z.string(), z.number()]).transform(String);
const silencesSchema = z.array(
  z.strictObject({
    matchers: z.array(z.string()),
    startsAt: duration,
    endsAt: duration,
    comment: z.string().default(''),
    createdBy: z.string().default(''),
  }),
);

/** matchesEmpty in silence.go: an equality matcher on "" or a regex matching "". */
function matchesEmpty(matcher: LabelMatcher): boolean {
  return (matcher.op === '=' || matcher.op === '=~') && matchesLabel(matcher, '');
}

/** Parses a YAML list of silences; every problem at once, each with its line. */
export function parseSilences(yaml: string): {ok: true; silences: Silence[]} | {ok: false; problems: AlertmanagerProblem[]} {
  let document: unknown;
  try {
    document = load(yaml);
  } catch (error) {
    if (error instanceof YAMLException) return {ok: false, problems: [{message: error.reason, line: error.mark.line + 1, column: error.mark.column + 1}]};
    throw error;
  }
  const parsed = silencesSchema.safeParse(document ?? []);
  if (!parsed.success) {
    return {ok: false, problems: parsed.error.issues.map((issue) => ({message: `${issue.path.join('.') || 'silences'}: ${issue.message}`, line: 1, column: 1}))};
  }
  // Where the n-th silence starts in the text: the n-th list item at the outer indentation.
  const starts = [...yaml.matchAll(/^- /gm)].map((match) => lineAndColumn(yaml, match.index));
  const problems: AlertmanagerProblem[] = [];
  const silences: Silence[] = [];
  parsed.data.forEach((input, index) => {
    const where = starts[index] ?? {line: 1, column: 1};
    const fail = (message: string) => problems.push({message: `silence ${index + 1}: ${message}`, ...where});
    if (input.matchers.length === 0) return fail('at least one matcher required');
    const matchers: LabelMatcher[] = [];
    for (const [matcherIndex, text] of input.matchers.entries()) {
      try {
        matchers.push(parseMatcher(text));
      } catch (error) {
        return fail(`invalid label matcher ${matcherIndex}: ${(error as Error).message}`);
      }
    }
    if (matchers.every(matchesEmpty)) return fail('at least one matcher must not match the empty string');
    let startsAtMs: number;
    let endsAtMs: number;
    try {
      startsAtMs = parseDuration(input.startsAt);
      endsAtMs = parseDuration(input.endsAt);
    } catch {
      return fail('startsAt and endsAt are offsets from the start of the incident, such as 40m or 1h30m');
    }
    if (endsAtMs < startsAtMs) return fail('end time must not be before start time');
    silences.push({index, matchers, matcherText: input.matchers, startsAtMs, endsAtMs, comment: input.comment, createdBy: input.createdBy});
  });
  return problems.length > 0 ? {ok: false, problems} : {ok: true, silences};
}

/** types.go CalcSilenceState at time `atMs`. */
export function silenceState(silence: Silence, atMs: number): SilenceState {
  if (atMs < silence.startsAtMs) return 'pending';
  if (atMs < silence.endsAtMs) return 'active';
  return 'expired';
}

/** Silencer.Mutes: the indices of the silences that are active at `atMs` and whose matchers all match. */
export function silencedBy(silences: readonly Silence[], labels: Labels, atMs: number): number[] {
  return silences.filter((silence) => silenceState(silence, atMs) === 'active' && matchesAll(silence.matchers, labels)).map((silence) => silence.index);
}
