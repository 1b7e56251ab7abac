import * as z from 'zod';
import {identifierSchema, instantSchema, parseOptions} from '../lab/options';
import {lineAndColumn} from '../lab/text';

/** A rule's name: it names the quarantine reason, the Delta constraint and the expectation. */
const ruleName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'Name a rule with lowercase letters, digits and _ (it becomes a Delta constraint name), starting with a letter.');

const base = {name: ruleName, description: z.string().max(300).optional()};

const notNull = z.strictObject({...base, kind: z.literal('not_null'), column: identifierSchema});
const range = z
  .strictObject({...base, kind: z.literal('range'), column: identifierSchema, min: z.number().finite().optional(), max: z.number().finite().optional()})
  .refine((rule) => rule.min !== undefined || rule.max !== undefined, 'A range needs min, max or both.')
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, 'min must not be above max.');
const allowedSet = z.strictObject({...base, kind: z.literal('allowed_set'), column: identifierSchema, values: z.array(z.string().max(200)).min(1, 'List at least one allowed value.').max(200)});
const regex = z.strictObject({
  ...base,
  kind: z.literal('regex'),
  column: identifierSchema,
  /** Matched anywhere in the value, as Spark's RLIKE does; anchor it with ^ and $ to match the whole value. */
  pattern: z
    .string()
    .min(1)
    .max(500)
    .refine((pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    }, 'Not a valid regular expression.'),
});
const unique = z.strictObject({...base, kind: z.literal('unique'), columns: z.array(identifierSchema).min(1, 'Name at least one column.').max(8)});
const references = z.strictObject({
  ...base,
  kind: z.literal('references'),
  column: identifierSchema,
  table: identifierSchema.default('machines'),
  referencedColumn: identifierSchema.default('machine_id'),
});
const freshness = z.strictObject({
  ...base,
  kind: z.literal('freshness'),
  column: identifierSchema,
  maxAgeMinutes: z.number().positive().max(525_600 * 10),
  /** The time the check runs at: the engine has no clock of its own. */
  asOf: instantSchema,
});
const completeness = z.strictObject({
  ...base,
  kind: z.literal('completeness'),
  keyColumn: identifierSchema.default('machine_id'),
  groupColumn: identifierSchema.default('plant_id'),
  expectedTable: identifierSchema.default('machines'),
  /** Only the expected rows with this value (for example the machines of type test_rig). */
  expectedWhere: z.strictObject({column: identifierSchema, equals: z.string()}).optional(),
  minRatio: z.number().min(0).max(1).default(0.9),
});
const drift = z.strictObject({
  ...base,
  kind: z.literal('drift'),
  column: identifierSchema,
  /** The earlier batch the current one is compared with. */
  baselineTable: identifierSchema,
  /** The largest Kullback-Leibler divergence D(batch || baseline), in nats, that still passes. */
  maxDivergence: z.number().positive().max(100).default(0.1),
});

const ruleSchema = z.discriminatedUnion('kind', [notNull, range, allowedSet, regex, unique, references, freshness, completeness, drift]);

const rulesSchema = z
  .array(ruleSchema)
  .min(1, 'Give at least one rule.')
  .max(50, 'At most 50 rules.')
  .refine((rules) => new Set(rules.map((rule) => rule.name)).size === rules.length, 'Give each rule its own name.');

export type QualityRuleInput = z.input<typeof ruleSchema>;
export type QualityRule = z.output<typeof ruleSchema>;
export type RuleKind = QualityRule['kind'];

/** Rules that judge single rows: their failing rows go to quarantine. */
export const rowRuleKinds = ['not_null', 'range', 'allowed_set', 'regex', 'unique', 'references'] as const;
export type RowRule = Extract<QualityRule, {kind: (typeof rowRuleKinds)[number]}>;
export type BatchRule = Exclude<QualityRule, RowRule>;

export function isRowRule(rule: QualityRule): rule is RowRule {
  return (rowRuleKinds as readonly string[]).includes(rule.kind);
}

/** Validates rules at the boundary; a RangeError names the rule (by position) and the field that is wrong. */
export function parseQualityRules(input: unknown, what: string): QualityRule[] {
  return parseOptions(rulesSchema, input, what);
}

/** The columns a rule reads in the checked table. */
export function ruleColumns(rule: QualityRule): string[] {
  switch (rule.kind) {
    case 'unique':
      return rule.columns;
    case 'completeness':
      return [rule.keyColumn];
    default:
      return [rule.column];
  }
}

/** Rules typed as JSON text: the rules, or where and why the text is not valid rules. */
export function parseQualityRulesText(text: string): {rules: QualityRule[]} | {problem: string; line: number | null; column: number | null} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = position ? lineAndColumn(text, Number(position[1])) : null;
    return {problem: `Not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`, line: at?.line ?? null, column: at?.column ?? null};
  }
  try {
    return {rules: parseQualityRules(data, 'rules')};
  } catch (error) {
    return {problem: error instanceof Error ? error.message.replace(/^rules: /, '') : String(error), line: null, column: null};
  }
}
