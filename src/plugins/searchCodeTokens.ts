import {createRequire} from 'node:module';
import type {Plugin} from '@docusaurus/types';
import {qualifiedNameSuffixes, underscoreRuns} from '../search/codeTokens';

interface LunrToken {
  toString(): string;
  metadata: Record<string, unknown> & {position?: [number, number]};
}

type LunrTokenizer = ((input: unknown, metadata?: Record<string, unknown>) => LunrToken[]) & {
  separator: RegExp;
  withUnderscoreRuns?: true;
};

interface Lunr {
  tokenizer: LunrTokenizer;
  Token: new (text: string, metadata: Record<string, unknown>) => LunrToken;
  utils: {clone<T>(value: T): T};
}

/**
 * Makes the local search index every underscore run of an identifier and the trailing parts of
 * a qualified class name as well as the identifier itself (see `underscoreRuns`,
 * `qualifiedNameSuffixes`). It patches the lunr instance that
 * @easyops-cn/docusaurus-search-local builds its index with; the browser side needs no
 * change because a query's terms are matched against these indexed runs.
 */
function indexUnderscoreRuns(lunr: Lunr): void {
  const original = lunr.tokenizer;
  if (original.withUnderscoreRuns) {
    return;
  }
  const tokenizer: LunrTokenizer = (input, metadata) => {
    const tokens: LunrToken[] = [];
    for (const token of original(input, metadata)) {
      tokens.push(token);
      const [start] = token.metadata.position ?? [0, 0];
      for (const run of [...underscoreRuns(token.toString()), ...qualifiedNameSuffixes(token.toString())]) {
        tokens.push(
          new lunr.Token(run.text, {
            ...lunr.utils.clone(token.metadata),
            position: [start + run.offset, run.text.length],
          }),
        );
      }
    }
    return tokens;
  };
  tokenizer.separator = original.separator;
  tokenizer.withUnderscoreRuns = true;
  lunr.tokenizer = tokenizer;
}

export default function searchCodeTokensPlugin(): Plugin {
  const requireFromSearchPlugin = createRequire(
    require.resolve('@easyops-cn/docusaurus-search-local'),
  );
  indexUnderscoreRuns(requireFromSearchPlugin('lunr') as Lunr);
  return {name: 'search-code-tokens'};
}
