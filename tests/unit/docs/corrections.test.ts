import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const docs = join(__dirname, '../../../docs');

describe('the merge-conflict playbook matches the fact table it is about', () => {
  const playbook = readFileSync(join(docs, '10-production-playbooks/troubleshooting/delta-merge-conflicts.md'), 'utf8');
  const ddl = readFileSync(join(docs, '04-dimensional-modeling/star-schema-design/schemas/fact_manufacturing_test.sql'), 'utf8');
  const columns = new Set([...ddl.matchAll(/^ {2}(\w+)\s+(?:BIGINT|STRING|INT|TIMESTAMP|DOUBLE|BOOLEAN)\b/gm)].map((match) => match[1]!));
  const clustering = /^CLUSTER BY \(([^)]+)\)/m.exec(ddl)![1]!.split(',').map((column) => column.trim());

  it('merges on columns the table has, its clustering columns among them', () => {
    expect(clustering).toEqual(['production_date_key', 'plant_sk']);
    const code = /```python\nfrom delta\.tables import DeltaTable\n\ndef merge_tests[\s\S]*?```/.exec(playbook)![0];
    const referenced = [...code.matchAll(/\bt\.(\w+)/g)].map((match) => match[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((column) => !columns.has(column))).toEqual([]);
    for (const column of clustering) expect(referenced).toContain(column);
  });

  it('runs OPTIMIZE on the clustered table without a WHERE (DELTA_CLUSTERING_WITH_PARTITION_PREDICATE)', () => {
    expect(playbook).not.toMatch(/OPTIMIZE mfg_prod\.gold\.fact_manufacturing_test WHERE/);
    expect(playbook).toContain('OPTIMIZE mfg_prod.gold.fact_manufacturing_test;');
    expect(playbook).toContain('DELTA_CLUSTERING_WITH_PARTITION_PREDICATE');
  });
});

describe('make_cast_resolver gives the reject writer the batch id', () => {
  // Reads the module with Python's parser: the parameters of make_cast_resolver and how its resolver calls reject.
  const inspect = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "make_cast_resolver")
calls = [len(c.args) for c in ast.walk(fn) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "reject"]
handler = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "for_each_batch_with_casts"]
print(json.dumps({"params": [a.arg for a in fn.args.args], "reject_args": calls, "handler": handler}))
`;
  it('so rejected rows are appended with txnVersion = batch id and a replayed batch writes them once', () => {
    const file = join(docs, '02-schema-evolution/delta-type-conflicts/src/type_conflict_resolver.py');
    const found = JSON.parse(execFileSync('python3', ['-c', inspect, file], {encoding: 'utf8'})) as {params: string[]; reject_args: number[]; handler: string[]};
    expect(found.params).toEqual(['table_schema', 'reject', 'batch_id', 'widening_target']);
    expect(found.reject_args).toEqual([2]);
    expect(found.handler).toEqual(['for_each_batch_with_casts']);
  });
});
