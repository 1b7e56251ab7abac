import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {labs} from '../../../src/data/labs';

const docsDir = join(__dirname, '../../../docs');

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? pages(path) : /\.mdx?$/.test(entry) ? [path] : [];
  });
}

describe('the labs index', () => {
  it('lists every lab a page embeds, at that page', () => {
    const embedded = pages(docsDir).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/^<([A-Z]\w*Lab)\b/gm)].map((match) => `${match[1]} in ${relative(docsDir, path)}`),
    );
    expect(embedded.length).toBeGreaterThan(5);
    const listed = new Set(labs.filter((lab) => lab.file).map((lab) => `${lab.component} in ${lab.file}`));
    expect([...new Set(embedded)].filter((entry) => !listed.has(entry))).toEqual([]);
    expect([...listed].filter((entry) => !embedded.includes(entry))).toEqual([]);
  });
});
