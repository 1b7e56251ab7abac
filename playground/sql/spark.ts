/** Writing Spark SQL and Python text: the exports that turn a lab's plan into Databricks code. */
import * as z from 'zod';

/** A Spark SQL identifier in backticks, a backtick doubled. */
export function sparkIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/**
 * A Spark SQL string literal. Spark reads backslash escapes in literals (unless
 * `spark.sql.parser.escapedStringLiterals` is set), so backslashes and quotes are both escaped.
 */
export function sparkString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A Python string literal; JSON's string syntax is a subset of Python's. */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

/** A Spark table name: up to three dot-separated parts (catalog.schema.table) of letters, digits and `_`. */
export const sparkTableSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/,
    'Use a table name such as mfg_prod.bronze.sensor_events: up to three parts of letters, digits and _.',
  );
