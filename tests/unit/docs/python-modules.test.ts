import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';

const docsDir = join(__dirname, '../../../docs');

/** Debian's Python, which has python3-pyflakes; the `python3` on PATH may be another interpreter without it. */
const python = '/usr/bin/python3';
const installHint = 'apt-get install -y python3 python3-pyflakes';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? pythonFiles(path) : entry.endsWith('.py') ? [path] : [];
  });
}

function run(args: string[]): {status: number | null; stdout: string; stderr: string; missing: boolean} {
  const result = spawnSync(python, args, {encoding: 'utf8'});
  return {status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', missing: result.error !== undefined};
}

// Compiles each module with py_compile into a scratch folder, so no __pycache__ lands in docs/; prints one line per file.
const compiler = `
import os, py_compile, sys
out = sys.argv[1]
for index, path in enumerate(sys.argv[2:]):
    try:
        py_compile.compile(path, cfile=os.path.join(out, f"{index}.pyc"), doraise=True)
        print("ok", path)
    except py_compile.PyCompileError as error:
        print("error", path, error.msg.strip().replace("\\n", " "))
`;

describe('the production Python modules shown on pattern pages', () => {
  const files = pythonFiles(docsDir);
  const scratch = mkdtempSync(join(tmpdir(), 'py-compile-'));
  afterAll(() => rmSync(scratch, {recursive: true, force: true}));

  it('finds the modules', () => {
    const found = files.map((file) => relative(docsDir, file));
    expect(found).toEqual(
      expect.arrayContaining([
        '02-schema-evolution/map-type-flattening/src/progressive_flattener.py',
        '03-streaming-architecture/kafka-to-delta-lake/src/bronze_stream.py',
        '03-streaming-architecture/exactly-once-semantics/src/idempotent_writer.py',
        '03-streaming-architecture/failure-recovery/src/checkpoint_utils.py',
      ]),
    );
  });

  it('compiles every one with py_compile', () => {
    const result = run(['-c', compiler, scratch, ...files]);
    if (result.missing) {
      throw new Error(`${python} is missing: ${installHint}`);
    }
    const report = result.stdout.trim().split('\n');
    expect(result.stderr).toBe('');
    expect(report.filter((line) => !line.startsWith('ok '))).toEqual([]);
    expect(report).toHaveLength(files.length);
  });

  it('passes pyflakes (no unused imports, undefined names, redefinitions)', () => {
    const version = run(['-m', 'pyflakes', '--version']);
    if (version.missing || version.status !== 0) {
      throw new Error(`pyflakes is not installed for ${python}: ${installHint}\n${version.stderr}`);
    }
    const result = run(['-m', 'pyflakes', ...files]);
    // One line per finding: path:line:column: message.
    const findings = `${result.stdout}${result.stderr}`.trim().split('\n').filter(Boolean).map((line) => line.replace(`${docsDir}/`, ''));
    expect(findings).toEqual([]);
    expect(result.status).toBe(0);
  });
});
