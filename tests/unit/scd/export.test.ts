import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {scd2ToDeltaSql, scd2ToPySpark} from '../../../playground';

describe('scd2ToDeltaSql', () => {
  it('stages every change keyed and real changes again with a NULL key, and closes then inserts', () => {
    const sql = scd2ToDeltaSql({}, {dimensionTable: 'gold.dim_machine', updatesTable: 'silver.changes'});
    expect(sql).toContain('MERGE INTO gold.dim_machine AS d');
    expect(sql).toContain('SELECT l.`machine_id` AS merge_key, l.* FROM latest AS l');
    expect(sql).toContain('SELECT NULL AS merge_key, l.*');
    expect(sql).toContain('ON d.`machine_id` = s.merge_key AND d.`is_current`');
    expect(sql).toContain("UPDATE SET `valid_to` = s.`changed_at`, `is_current` = false");
    expect(sql).toContain("WHEN NOT MATCHED AND s.`op` <> 'delete' THEN");
    expect(sql).toContain(
      "sha2(concat_ws(chr(31), coalesce(CAST(`firmware` AS STRING), '\\\\N'), coalesce(CAST(`line_id` AS STRING), '\\\\N'), coalesce(CAST(`calibration_offset` AS STRING), '\\\\N'), coalesce(CAST(`operating_mode` AS STRING), '\\\\N')), 256)",
    );
    expect(sql).toContain('PARTITION BY `machine_id` ORDER BY `changed_at` DESC, `change_id` DESC');
  });

  it('follows the spec: dbt names, a far-future end and deleted versions', () => {
    const sql = scd2ToDeltaSql({naming: 'dbt', openEnd: {farFuture: '9999-12-31'}, deletes: 'new_record'});
    expect(sql).toContain("ON d.`machine_id` = s.merge_key AND d.`dbt_valid_to` = TIMESTAMP '9999-12-31'");
    expect(sql).toContain('INSERT (`dbt_scd_id`, `machine_id`, `firmware`, `line_id`, `calibration_offset`, `operating_mode`, `dbt_valid_from`, `dbt_valid_to`, `row_hash`, `dbt_is_deleted`, `dbt_updated_at`)');
    expect(sql).toContain("md5(concat_ws('|', CAST(s.`machine_id` AS STRING), CAST(s.`changed_at` AS STRING)))");
    expect(sql).toMatch(/WHEN NOT MATCHED THEN\n/);
  });

  it('refuses a table name that is not a plain Spark name', () => {
    expect(() => scd2ToDeltaSql({}, {dimensionTable: 'dim; DROP TABLE x'})).toThrow(/dimensionTable: Use a table name such as/);
  });
});

describe('scd2ToPySpark', () => {
  it('is a Python module whose MERGE_SQL is the Delta statement', () => {
    const options = {dimensionTable: 'gold.dim_machine', updatesTable: 'silver.changes'};
    const code = scd2ToPySpark({}, options);
    const dir = mkdtempSync(join(tmpdir(), 'scd-export-'));
    writeFileSync(join(dir, 'load.py'), code);
    const merge = execFileSync(
      'python3',
      ['-c', 'import ast, sys\ntree = ast.parse(open(sys.argv[1]).read())\nprint(next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "MERGE_SQL"), end="")', join(dir, 'load.py')],
      {encoding: 'utf8'},
    );
    const statement = scd2ToDeltaSql({}, options)
      .split('\n')
      .filter((line) => !line.startsWith('-- '))
      .join('\n')
      .replace(/;\n$/, '');
    expect(merge).toBe(`\n${statement}\n`);
  });
});
