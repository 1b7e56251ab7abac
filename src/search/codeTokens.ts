/** A piece of an identifier, with its offset inside the identifier. */
export interface IdentifierRun {
  text: string;
  offset: number;
}

/** Runs longer than this many parts are only indexed as the whole identifier. */
const MAX_RUN_PARTS = 6;

/**
 * Every run of consecutive underscore-separated parts of `word`, except `word` itself.
 *
 * Error codes such as `DELTA_MERGE_INCOMPATIBLE_DATATYPE` are one token for an English
 * tokenizer; indexing these runs lets a search for `INCOMPATIBLE_DATATYPE` (a run) or for
 * `merge incompatible datatype` (single parts) find the page that holds the code.
 */
export function underscoreRuns(word: string): IdentifierRun[] {
  const parts: IdentifierRun[] = [];
  const partPattern = /[^_]+/g;
  for (let match = partPattern.exec(word); match; match = partPattern.exec(word)) {
    parts.push({text: match[0], offset: match.index});
  }
  if (parts.length < 2) {
    return [];
  }
  const runs: IdentifierRun[] = [];
  for (let first = 0; first < parts.length; first += 1) {
    const lastAllowed = Math.min(parts.length, first + MAX_RUN_PARTS);
    for (let end = first + 1; end <= lastAllowed; end += 1) {
      const isWholeWord = first === 0 && end === parts.length;
      const firstPart = parts[first]!;
      const lastPart = parts[end - 1]!;
      const text = word.slice(firstPart.offset, lastPart.offset + lastPart.text.length);
      if (!isWholeWord && text !== word) {
        runs.push({text, offset: firstPart.offset});
      }
    }
  }
  return runs;
}

const qualifiedName = /^(?:[a-z_$][\w$]*\.){2,}[a-z_$][\w$]*$/i;

/**
 * The trailing parts of a fully qualified class name (`org.apache.kafka.common.errors.saslauthenticationexception`),
 * shortest last: the class name alone, then with its packages one by one, except the whole name.
 *
 * lunr keeps a dotted name as one token, so without these a search for `SaslAuthenticationException`
 * misses the error page titled with the qualified class and finds only pages that spell the short name.
 */
export function qualifiedNameSuffixes(word: string): IdentifierRun[] {
  if (!qualifiedName.test(word)) {
    return [];
  }
  const runs: IdentifierRun[] = [];
  for (let dot = word.indexOf('.'); dot !== -1; dot = word.indexOf('.', dot + 1)) {
    runs.push({text: word.slice(dot + 1), offset: dot + 1});
  }
  return runs;
}
