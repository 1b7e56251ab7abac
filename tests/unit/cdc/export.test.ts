import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cdcToDeltaSql, cdcToPySpark, scd2ToDeltaSql} from '../../../playground';

const combinations = (['lsn', 'ts_ms', 'kafka_offset'] as const).flatMap((ordering) =>
  (['soft', 'hard'] as const).flatMap((deletes) => (['scd1', 'scd2'] as const).flatMap((target) => (['work_order', 'machine'] as const).map((source) => ({ordering, deletes, target, source})))),
);

// Parses the module with Python's own parser and prints its STATEMENTS list as JSON.
const statementsOf = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
funcs = sorted(n.name for n in tree.body if isinstance(n, ast.FunctionDef))
value = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "STATEMENTS")
print(json.dumps({"statements": value, "names": sorted(names), "functions": funcs}))
`;

function parsePython(code: string): {statements: string[]; names: string[]; functions: string[]} {
  const dir = mkdtempSync(join(tmpdir(), 'cdc-export-'));
  writeFileSync(join(dir, 'job.py'), code);
  return JSON.parse(execFileSync('python3', ['-c', statementsOf, join(dir, 'job.py')], {encoding: 'utf8'})) as {statements: string[]; names: string[]; functions: string[]};
}

describe('cdcToPySpark', () => {
  it.each(combinations)('parses with python3 and runs the Delta statements of the options ($ordering, $deletes, $target, $source)', (spec) => {
    const parsed = parsePython(cdcToPySpark(spec, {targetTable: 'mfg_prod.silver.mes_table'}));
    expect(parsed.functions).toEqual(['apply_changes', 'parse_changes', 'start']);
    expect(parsed.names).toEqual(expect.arrayContaining(['CHECKPOINT', 'ENVELOPE', 'ROW', 'SOURCE', 'STATEMENTS', 'TARGET_TABLE', 'TOPIC']));
    const statements = cdcToDeltaSql(spec, {targetTable: 'mfg_prod.silver.mes_table'})
      .split('\n')
      .filter((line) => !line.startsWith('-- '))
      .join('\n')
      .split(/;\n/)
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0);
    expect(parsed.statements.map((statement) => statement.trim())).toEqual(statements);
  });

  it('passes pyflakes (no unused import, no undefined name) for SCD1 and SCD2', () => {
    for (const target of ['scd1', 'scd2'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'cdc-flakes-'));
      writeFileSync(join(dir, 'job.py'), cdcToPySpark({target}));
      expect(execFileSync('/usr/bin/python3', ['-m', 'pyflakes', join(dir, 'job.py')], {encoding: 'utf8'})).toBe('');
    }
  });

  it('runs a follow-up statement after the staging for SCD2: the type 2 MERGE composed from the SCD export', () => {
    const followUp = scd2ToDeltaSql(
      {naturalKey: 'machine_id', trackedColumns: ['plant_id', 'line_id', 'machine_type', 'firmware', 'status', 'updated_at', 'criticality'], changedAt: 'changed_at', sequence: 'change_seq', operation: 'op', deleteValue: 'delete', surrogateKey: 'machine_sk'},
      {dimensionTable: 'mfg_prod.silver.mes_machine', updatesTable: 'cdc_changes_scd2'},
    );
    const parsed = parsePython(cdcToPySpark({target: 'scd2', source: 'machine'}, {targetTable: 'mfg_prod.silver.mes_machine'}, followUp));
    expect(parsed.statements).toHaveLength(2);
    expect(parsed.statements[0]).toContain('CREATE OR REPLACE TEMP VIEW cdc_changes_scd2 AS');
    expect(parsed.statements[1]).toContain('MERGE INTO mfg_prod.silver.mes_machine AS d');
    expect(parsed.statements[1]).toContain('FROM cdc_changes_scd2');
  });

  it('checkpoints under the platform convention', () => {
    expect(cdcToPySpark({})).toContain('CHECKPOINT = "/Volumes/mfg_prod/ops/checkpoints/mes_de01_work_order_cdc"');
  });
});

describe('cdcToDeltaSql', () => {
  it('guards the MERGE on the LSN and keeps soft-deleted rows', () => {
    const sql = cdcToDeltaSql({ordering: 'lsn', deletes: 'soft'}, {targetTable: 'mfg_prod.silver.mes_work_order'});
    expect(sql).toContain('MERGE INTO mfg_prod.silver.mes_work_order AS t');
    expect(sql).toContain('row_number() OVER (PARTITION BY `work_order_id` ORDER BY `_cdc_lsn` DESC)');
    expect(sql).toContain("WHEN MATCHED AND s.`_cdc_lsn` > t.`_cdc_lsn` AND s.`_cdc_op` = 'd' THEN UPDATE SET");
    expect(sql).toContain("WHEN NOT MATCHED AND s.`_cdc_op` = 'd' THEN INSERT");
    expect(sql).toContain('`_cdc_deleted` BOOLEAN');
  });

  it('deletes under hard deletes and has no guard when ordering by offset', () => {
    const sql = cdcToDeltaSql({ordering: 'kafka_offset', deletes: 'hard'});
    expect(sql).toContain("WHEN MATCHED AND true AND s.`_cdc_op` = 'd' THEN DELETE");
    expect(sql).not.toContain('_cdc_deleted');
  });

  it('writes the change rows of a type 2 load for an SCD2 target', () => {
    const sql = cdcToDeltaSql({target: 'scd2', source: 'machine'});
    expect(sql).toContain('timestamp_millis(`_cdc_ts_ms`) AS changed_at');
    expect(sql).toContain('`_cdc_lsn` AS change_seq');
  });

  it('refuses a table name that is not a plain Spark name', () => {
    expect(() => cdcToDeltaSql({}, {targetTable: 'x; DROP TABLE y'})).toThrow(/targetTable: Use a table name such as/);
  });
});
