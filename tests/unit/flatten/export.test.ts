import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {flattenPlanToPySpark, flattenPlanToSparkSql, planFlatten, type FlattenPlan} from '../../../playground/flatten';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
let plan: FlattenPlan;

/*
 * A source whose keys need escaping in every language the export writes: a quote, a backslash,
 * a double quote and a space, plus one key of each type.
 */
beforeAll(async () => {
  await engine.query(`CREATE TABLE tricky AS
SELECT
  i AS event_id,
  MAP {
    'it''s': 'free text ' || i,
    'back\\slash': (i % 7)::VARCHAR,
    'say "hi"': CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END,
    'temp (C)': (i / 4)::VARCHAR,
    'seen_at': '2026-01-1' || (i % 9) || 'T06:00:00Z',
    'cfg': '{"mode": "auto", "slots": ' || i || '}'
  } AS customExtension
FROM range(500) AS t(i)`);
  plan = await planFlatten(engine, {source: 'tricky', sample: {rows: 200}});
});

/** Runs Python on a file and returns what it prints. */
function python(script: string, code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flatten-export-'));
  const file = join(dir, 'flatten.py');
  writeFileSync(file, code);
  return execFileSync('python3', ['-c', script, file], {encoding: 'utf8'}).trim();
}

describe('flattenPlanToPySpark', () => {
  it('writes a script Python parses, whose PLAN is the inferred plan key for key', () => {
    const code = flattenPlanToPySpark(plan, {sourceTable: 'mfg_prod.bronze.events', targetTable: 'mfg_prod.silver.events_flat'});
    const printed = python(
      `import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)}
print(json.dumps(values))`,
      code,
    );
    const values = JSON.parse(printed) as Record<string, unknown>;
    expect(values.SOURCE_TABLE).toBe('mfg_prod.bronze.events');
    expect(values.TARGET_TABLE).toBe('mfg_prod.silver.events_flat');
    expect(values.MAP_COLUMN).toBe('customExtension');
    expect(values.PLAN).toEqual([
      {key: 'back\\slash', column: 'ext_back_slash', type: 'BIGINT'},
      {key: 'cfg', column: 'ext_cfg', type: 'JSON', json_schema: '`mode` STRING, `slots` BIGINT'},
      {key: "it's", column: 'ext_it_s', type: 'STRING'},
      {key: 'say "hi"', column: 'ext_say_hi', type: 'BOOLEAN'},
      {key: 'seen_at', column: 'ext_seen_at', type: 'TIMESTAMP'},
      {key: 'temp (C)', column: 'ext_temp_c', type: 'DOUBLE'},
    ]);
  });

  it('appends to Delta with mergeSchema and never explodes', () => {
    const code = flattenPlanToPySpark(plan);
    expect(code).toContain('.option("mergeSchema", "true")');
    expect(code).toContain('.saveAsTable(TARGET_TABLE)');
    expect(code).not.toMatch(/F\.explode|\.pivot\(|\.repartition\(/);
  });
});

describe('flattenPlanToSparkSql', () => {
  const sql = () => flattenPlanToSparkSql(plan, {targetTable: 'silver.flat', sourceTable: 'bronze.events'});

  it('writes one CREATE TABLE ... AS SELECT with every base column and one typed column per key', () => {
    const text = sql();
    expect(text).toContain('CREATE OR REPLACE TABLE silver.flat\nUSING DELTA\nAS SELECT\n  `event_id`,\n  `customExtension`,');
    expect(text).toContain('FROM bronze.events;');
    expect(text.match(/ AS `ext_[a-z_]+`/g)).toHaveLength(plan.keys.length);
  });

  it('escapes keys as Spark string literals and casts like the lab does', () => {
    const text = sql();
    expect(text).toContain("CASE WHEN `customExtension`['back\\\\slash'] RLIKE '^-?[0-9]+$' THEN try_cast(`customExtension`['back\\\\slash'] AS BIGINT) END AS `ext_back_slash`");
    expect(text).toContain("`customExtension`['it\\'s'] AS `ext_it_s`");
    expect(text).toContain("CASE lower(`customExtension`['say \"hi\"']) WHEN 'true' THEN true WHEN 'false' THEN false END AS `ext_say_hi`");
    expect(text).toContain("from_json(`customExtension`['cfg'], '`mode` STRING, `slots` BIGINT') AS `ext_cfg`");
    expect(text).toContain("try_cast(`customExtension`['seen_at'] AS TIMESTAMP) AS `ext_seen_at`");
    expect(text).toContain("try_cast(`customExtension`['temp (C)'] AS DOUBLE) AS `ext_temp_c`");
  });

  it('refuses a table name that is not a plain Spark name, saying what to use', () => {
    expect(() => flattenPlanToSparkSql(plan, {targetTable: 'silver.flat; DROP TABLE x'})).toThrow(
      /targetTable: Use a table name such as mfg_prod\.bronze\.sensor_events/,
    );
  });
});
