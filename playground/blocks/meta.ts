import {parseDatasetRequest, type DatasetRequest} from '../datasets';

/** A fenced ```sql playground block's settings. */
export interface PlaygroundBlockMeta {
  /** The dataset the block runs against, generated before its first run. */
  dataset: DatasetRequest;
  /** Further datasets the SQL joins with (`with=plants,machines:600`), generated with the same seed. */
  withDatasets?: DatasetRequest[];
  /** Optional stable id for saved edits; defaults to a hash of the page and the SQL. */
  id?: string;
  title?: string;
}

const knownKeys = ['dataset', 'rows', 'seed', 'with', 'id', 'title'] as const;
type KnownKey = (typeof knownKeys)[number];

/** `key=value` and `key="quoted value"` pairs after the `playground` flag. */
function metaPairs(meta: string): {pairs: Map<string, string>; stray: string[]} {
  const pairs = new Map<string, string>();
  const stray: string[] = [];
  const tokenPattern = /(\w+)=(?:"([^"]*)"|(\S+))|(\S+)/g;
  for (const match of meta.matchAll(tokenPattern)) {
    const [, key, quoted, bare, word] = match;
    if (key !== undefined) {
      pairs.set(key, quoted ?? bare ?? '');
    } else if (word !== undefined && word !== 'playground') {
      stray.push(word);
    }
  }
  return {pairs, stray};
}

/** Whether a code block's meta string asks for a playground. */
export function isPlaygroundMeta(meta: string | undefined): boolean {
  return meta !== undefined && /(^|\s)playground(\s|$)/.test(meta);
}

/**
 * Parses the meta string of a ```sql playground block, e.g.
 * `playground dataset=sensor_events rows=100000 seed=42`. The message of a failure names the
 * offending part, so a bad block fails the build with a precise reason.
 */
export function parsePlaygroundMeta(
  meta: string,
): {ok: true; meta: PlaygroundBlockMeta} | {ok: false; message: string} {
  const {pairs, stray} = metaPairs(meta);
  if (stray.length > 0) {
    return {ok: false, message: `Unexpected word "${stray[0]}": write settings as key=value (${knownKeys.join(', ')}).`};
  }
  const unknown = [...pairs.keys()].find((key) => !knownKeys.includes(key as KnownKey));
  if (unknown) {
    return {ok: false, message: `Unknown setting "${unknown}": a playground block takes ${knownKeys.join(', ')}.`};
  }
  const rowsText = pairs.get('rows');
  // Presets (`10k`, `100k`, `1M`) pass through by name; parseDatasetRequest resolves them.
  const rows = rowsText !== undefined && /^\d+$/.test(rowsText) ? Number(rowsText) : rowsText;
  const seedText = pairs.get('seed');
  const seed = seedText === undefined ? undefined : /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const dataset = parseDatasetRequest({name: pairs.get('dataset') ?? 'sensor_events', rows, seed});
  if (!dataset.ok) {
    return {ok: false, message: dataset.message};
  }
  const withDatasets: DatasetRequest[] = [];
  for (const entry of pairs.get('with')?.split(',') ?? []) {
    const [name, extraRows] = entry.split(':') as [string, string | undefined];
    const rowsOfExtra = extraRows === undefined ? rows : /^\d+$/.test(extraRows) ? Number(extraRows) : extraRows;
    const extra = parseDatasetRequest({name, rows: rowsOfExtra, seed});
    if (!extra.ok) {
      return {ok: false, message: `with=${entry}: ${extra.message}`};
    }
    if (extra.request.name === dataset.request.name || withDatasets.some((other) => other.name === extra.request.name)) {
      return {ok: false, message: `with=${entry}: ${name} is already loaded for this block; name each dataset once.`};
    }
    withDatasets.push(extra.request);
  }
  const id = pairs.get('id');
  if (id !== undefined && !/^[\w-]{1,64}$/.test(id)) {
    return {ok: false, message: `id="${id}" must be 1-64 letters, digits, "-" or "_".`};
  }
  const title = pairs.get('title');
  return {
    ok: true,
    meta: {
      dataset: dataset.request,
      ...(withDatasets.length === 0 ? {} : {withDatasets}),
      ...(id === undefined ? {} : {id}),
      ...(title === undefined ? {} : {title}),
    },
  };
}
