import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {describe, expect, it} from 'vitest';

/**
 * The engine's layering rule (ARCHITECTURE.md): a capability folder depends on the lab kernel
 * (`lab/`), on `sql/` and on `datasets/`, never on another capability folder.
 */
const root = resolve(__dirname, '../../../playground');
const shared = new Set(['lab', 'sql', 'datasets']);

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']*)'/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of `playground/` a path lies in, or null for a file at its root. */
function topFolder(path: string): string | null {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0]! : null;
}

/** Every import from one top folder into another that the rule forbids, as "file → target". */
function forbiddenImports(files: {path: string; text: string}[]): string[] {
  const found: string[] = [];
  for (const {path, text} of files) {
    const from = topFolder(path);
    if (from === null) continue;
    for (const match of text.matchAll(importPattern)) {
      const to = topFolder(resolve(dirname(path), match[1]!));
      if (to === null || to === from) continue;
      // The kernel and sql/ sit below every folder and import only sql/.
      const allowed = from === 'lab' || from === 'sql' ? to === 'sql' : shared.has(to);
      if (!allowed) found.push(`${relative(root, path)} → ${match[1]}`);
    }
  }
  return found;
}

describe('the lab kernel rule', () => {
  it('no capability folder imports another, and the kernel imports no capability', () => {
    const files = sourceFiles(root).map((path) => ({path, text: readFileSync(path, 'utf8')}));
    expect(files.length).toBeGreaterThan(50);
    expect(forbiddenImports(files)).toEqual([]);
  });

  it('finds an import from one capability folder into another', () => {
    const files = [
      {path: join(root, 'scd/spec.ts'), text: "import {parseOptions} from '../flatten/options';"},
      {path: join(root, 'lab/step.ts'), text: "import type {Spec} from '../scd/spec';"},
      {path: join(root, 'scd/lab.ts'), text: "import {parseOptions} from '../lab/options';\nimport {loadDataset} from '../datasets';"},
    ];
    expect(forbiddenImports(files)).toEqual(['scd/spec.ts → ../flatten/options', 'lab/step.ts → ../scd/spec']);
  });
});
