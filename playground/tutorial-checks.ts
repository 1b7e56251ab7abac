import {checkCompatibility, parseSparkType, renderErrorChain} from './schema';
import type {SchemaChecker} from './tutorials';

/**
 * The tutorials' schema checker, composed here because capability folders never import each
 * other: the incoming DDL is parsed and checked against the table with `checkCompatibility`.
 */
export const tutorialSchemaChecker: SchemaChecker = (tableSchema, incomingSchema, options) => {
  const table = parseSparkType(tableSchema);
  if (!table.ok || table.type.kind !== 'struct') {
    throw new RangeError(`The exercise's table schema does not parse: ${table.ok ? 'it is not a struct' : table.error.message}`);
  }
  const incoming = parseSparkType(incomingSchema);
  if (!incoming.ok) {
    const {message, line, column} = incoming.error;
    return {ok: false, parseError: {message, line, column}};
  }
  if (incoming.type.kind !== 'struct') {
    return {ok: false, parseError: {message: 'Write the incoming schema as a list of fields, such as `event_id BIGINT, machine_id STRING`.'}};
  }
  const report = checkCompatibility(table.type, incoming.type, options);
  return {
    ok: true,
    fieldNames: incoming.type.fields.map((field) => field.name),
    accepted: report.accepted,
    error: report.error ? {errorClass: report.error.errorClass, text: renderErrorChain(report.error)} : null,
  };
};
