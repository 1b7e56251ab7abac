import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {load} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {filePartitions, MiB} from '../../../playground';

/** The section's production modules, checked by Python's own tools and against the engine's rules. */
const section = join(__dirname, '../../../docs/05-performance-optimization');
const modules = [
  'spark-ui-analysis/src/stage_report.py',
  'billion-record-optimization/src/partition_calculator.py',
  'billion-record-optimization/src/memory_tuner.py',
].map((path) => join(section, path));
// Debian's python3 has pyflakes (python3-pyflakes); the pyenv python3 on PATH may not.
const python = '/usr/bin/python3';

function runPython(code: string): string {
  return execFileSync(python, ['-c', code], {encoding: 'utf8', env: {...process.env, PYTHONDONTWRITEBYTECODE: '1'}}).trim();
}

describe('the performance section modules', () => {
  it('compile and pass pyflakes', () => {
    runPython(`import os, py_compile, tempfile\nout = tempfile.mkdtemp()\nfor i, p in enumerate(${JSON.stringify(modules)}):\n    py_compile.compile(p, cfile=os.path.join(out, f"{i}.pyc"), doraise=True)`);
    expect(execFileSync(python, ['-m', 'pyflakes', ...modules], {encoding: 'utf8'})).toBe('');
  });

  it("partition_calculator.scan_tasks gives the engine's task count", () => {
    const cases: [number, number, number][] = [
      [48_000, Math.round(25.6 * MiB), 320],
      [2_400, 614_400, 64],
      [10, 300 * MiB, 16],
    ];
    for (const [files, size, cores] of cases) {
      const fromPython = Number(runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(join(section, 'billion-record-optimization/src'))})\nfrom partition_calculator import scan_tasks\nprint(scan_tasks([${size}] * ${files}, ${cores}))`));
      expect(fromPython).toBe(filePartitions({fileSizes: Array<number>(files).fill(size), defaultParallelism: cores}).partitionBytes.length);
    }
  });

  it('memory_tuner matches the engine on an 8-core, 56 GiB executor', () => {
    const out = runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(join(section, 'billion-record-optimization/src'))})\nfrom memory_tuner import ExecutorShape, container_mib, execution_memory_per_task\ns = ExecutorShape(memory_mib=57344, cores=8)\nprint(container_mib(s), *execution_memory_per_task(s))`);
    // 57344 + int(0.1 × 57344) = 57344 + 5734; unified = (56 GiB − 300 MiB) × 0.6
    const unified = Math.trunc((56 * 1024 * MiB - 300 * MiB) * 0.6);
    expect(out.split(' ').map(Number)).toEqual([63078, Math.floor((unified - Math.trunc(unified * 0.5)) / 16), Math.floor(unified / 8)]);
  });

  it('the cluster configs parse and set only Spark keys the calculator knows', () => {
    const known = new Set([
      'spark.sql.adaptive.enabled',
      'spark.sql.shuffle.partitions',
      'spark.sql.adaptive.advisoryPartitionSizeInBytes',
      'spark.sql.adaptive.skewJoin.enabled',
      'spark.sql.adaptive.skewJoin.skewedPartitionFactor',
      'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes',
      'spark.sql.autoBroadcastJoinThreshold',
      'spark.sql.files.maxPartitionBytes',
    ]);
    const dir = join(section, 'billion-record-optimization/configs');
    const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    expect(files.sort()).toEqual(['large_cluster.yaml', 'medium_cluster.yaml', 'small_cluster.yaml']);
    for (const name of files) {
      const config = load(readFileSync(join(dir, name), 'utf8')) as {new_cluster: {spark_version: string; node_type_id: string; spark_conf: Record<string, string>}};
      expect(config.new_cluster.spark_version, name).toMatch(/^\d+\.\d+\.x-scala2\.1[23]$/);
      for (const [key, value] of Object.entries(config.new_cluster.spark_conf)) {
        expect(known.has(key), `${name}: ${key}`).toBe(true);
        expect(typeof value, `${name}: ${key} must be a string`).toBe('string');
        if (key.endsWith('Bytes') || key.endsWith('Threshold')) expect(value, `${name}: ${key}`).toMatch(/^\d+[kmg]$/);
      }
    }
  });

  it("the medium tier's shuffle partitions come from partition_calculator", () => {
    const medium = load(readFileSync(join(section, 'billion-record-optimization/configs/medium_cluster.yaml'), 'utf8')) as {new_cluster: {spark_conf: Record<string, string>}};
    const fromPython = runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(join(section, 'billion-record-optimization/src'))})\nfrom partition_calculator import shuffle_partitions\nprint(shuffle_partitions(int(2.5 * 1024**4), 192))`);
    expect(medium.new_cluster.spark_conf['spark.sql.shuffle.partitions']).toBe(fromPython);
  });
});
