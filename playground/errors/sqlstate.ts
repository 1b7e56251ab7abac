/** SQLSTATE classes (the first two characters) as the SQL standard and Spark's error-states catalog name them. */
const sqlStateClassNames: Record<string, string> = {
  '08': 'connection exception',
  '0A': 'feature not supported',
  '21': 'cardinality violation',
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '25': 'invalid transaction state',
  '2D': 'invalid transaction termination',
  '38': 'external routine exception',
  '39': 'external routine invocation exception',
  '40': 'transaction rollback',
  '42': 'syntax error or access rule violation',
  '53': 'insufficient resources',
  '54': 'program limit exceeded',
  '55': 'object not in prerequisite state',
  '57': 'operator intervention',
  '58': 'system error',
  F0: 'configuration file error',
  HY: 'CLI-specific condition',
  KD: 'datasource specific errors',
  P0: 'procedural logic error',
  XX: 'internal error',
};

/** The class of a SQLSTATE with its name, e.g. `42 — syntax error or access rule violation`. */
export function sqlStateClass(sqlState: string): {code: string; name: string | null} {
  const code = sqlState.slice(0, 2);
  return {code, name: sqlStateClassNames[code] ?? null};
}
