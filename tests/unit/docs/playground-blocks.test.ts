import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {isDeepStrictEqual} from 'node:util';
import {describe, expect, it} from 'vitest';
import {isPlaygroundMeta, loadDataset, parsePlaygroundMeta, type DatasetName, type DatasetRequest} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const repoDir = join(__dirname, '../../..');
const docsDir = join(repoDir, 'docs');

/** A ```sql playground block as a page holds it; `location` is `file:line` of its opening fence. */
interface PlaygroundBlock {
  location: string;
  meta: string;
  sql: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? markdownFiles(path) : /\.mdx?$/.test(entry) ? [path] : [];
  });
}

/**
 * The playground blocks of a page, found with CommonMark's fence rules: a fence closes only with a
 * line of the same character at least as long, so a block shown inside a four-backtick fence (as
 * CONTRIBUTING.md does) is text, not a lab.
 */
function playgroundBlocks(path: string): PlaygroundBlock[] {
  const blocks: PlaygroundBlock[] = [];
  let open: {marker: string; info: string; line: number; body: string[]} | undefined;
  for (const [index, text] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (!open) {
      const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
      if (opening) {
        open = {marker: opening[1]!, info: opening[2]!.trim(), line: index + 1, body: []};
      }
      continue;
    }
    const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (!closing || closing[1]![0] !== open.marker[0] || closing[1]!.length < open.marker.length) {
      open.body.push(text);
      continue;
    }
    const [lang = '', ...metaWords] = open.info.split(/\s+/);
    const meta = metaWords.join(' ');
    if (lang === 'sql' && isPlaygroundMeta(meta)) {
      blocks.push({location: `${relative(repoDir, path)}:${open.line}`, meta, sql: open.body.join('\n')});
    }
    open = undefined;
  }
  return blocks;
}

const blocks = markdownFiles(docsDir).flatMap(playgroundBlocks);
const engine = nodeEngineForFile();

/** The datasets in the engine now, so blocks that ask for the same rows and seed share one load. */
const loaded = new Map<DatasetName, DatasetRequest>();

async function ensureDataset(request: DatasetRequest): Promise<void> {
  if (isDeepStrictEqual(loaded.get(request.name), request)) {
    return;
  }
  await loadDataset(engine, request);
  loaded.set(request.name, request);
}

describe('every ```sql playground block in the docs runs on the dataset it names', () => {
  it('finds the blocks, including the one on the MAP flattening page', () => {
    expect(blocks.map((block) => block.location)).toContainEqual(
      expect.stringMatching(/^docs\/02-schema-evolution\/map-type-flattening\/index\.mdx:\d+$/),
    );
  });

  it.each(blocks.map((block) => [block.location, block] as const))(
    '%s returns at least one row',
    async (location, block) => {
      const parsed = parsePlaygroundMeta(block.meta);
      if (!parsed.ok) {
        throw new Error(`${location}: invalid playground block "${block.meta}": ${parsed.message}`);
      }
      for (const dataset of [parsed.meta.dataset, ...(parsed.meta.withDatasets ?? [])]) {
        await ensureDataset(dataset);
      }
      const result = await engine.query(block.sql).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${location}: the block's SQL failed on ${parsed.meta.dataset.name}: ${reason}`);
      });
      expect(result.numRows, `${location}: the block's SQL returned no rows`).toBeGreaterThan(0);
    },
    60_000,
  );
});
