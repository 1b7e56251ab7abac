import {execFileSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';

const docsDir = join(__dirname, '../../../docs');

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? pythonFiles(path) : entry.endsWith('.py') ? [path] : [];
  });
}

// Parses each module with Python's own parser (no bytecode written); prints one line per file.
const checker = `
import ast, sys
for path in sys.argv[1:]:
    try:
        ast.parse(open(path, encoding="utf-8").read(), path)
        print("ok", path)
    except SyntaxError as error:
        print("error", path, f"line {error.lineno}: {error.msg}")
`;

describe('the production Python modules shown on pattern pages parse', () => {
  const files = pythonFiles(docsDir);

  it('finds the modules', () => {
    expect(files.map((file) => relative(docsDir, file))).toContain(
      '02-schema-evolution/map-type-flattening/src/progressive_flattener.py',
    );
  });

  it('parses every one with python3', () => {
    const report = execFileSync('python3', ['-c', checker, ...files], {encoding: 'utf8'}).trim().split('\n');
    expect(report.filter((line) => !line.startsWith('ok '))).toEqual([]);
    expect(report).toHaveLength(files.length);
  });
});
