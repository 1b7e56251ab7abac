import {describe, expect, it} from 'vitest';
import remarkPlaygroundBlocks from '../../../src/plugins/remarkPlaygroundBlocks';

function tree(meta: string, lang = 'sql') {
  return {
    type: 'root',
    children: [{type: 'code', lang, meta, position: {start: {line: 12}}, children: []}],
  };
}

describe('remarkPlaygroundBlocks (build-time check of playground blocks)', () => {
  const check = remarkPlaygroundBlocks();

  it('accepts a valid block and ignores ordinary code blocks', () => {
    expect(() => check(tree('playground dataset=machines rows=10k seed=7'), {path: 'docs/a.md'})).not.toThrow();
    expect(() => check(tree('title="rows=999999999"'), {path: 'docs/a.md'})).not.toThrow();
    expect(() => check(tree('playground rows=999999999', 'python'), {path: 'docs/a.md'})).not.toThrow();
  });

  it('fails the build naming the file, the line and the reason', () => {
    expect(() => check(tree('playground rows=999999999'), {path: 'docs/02/map.md'})).toThrow(
      /^docs\/02\/map\.md:12: invalid playground block "playground rows=999999999": 999,999,999 rows/,
    );
    expect(() => check(tree('playground datset=machines'), {path: 'docs/x.md'})).toThrow(
      'docs/x.md:12: invalid playground block "playground datset=machines": Unknown setting "datset": a playground block takes dataset, rows, seed, with, id, title.',
    );
  });
});
