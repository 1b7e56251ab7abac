import {DataType, type Field} from 'apache-arrow';

/** Renders epoch milliseconds as `YYYY-MM-DD HH:MM:SS[.mmm]` in UTC, as DuckDB prints TIMESTAMP. */
function formatTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const [date, time] = iso.split('T') as [string, string];
  const clock = time.slice(0, 12).replace(/\.000$/, '');
  return `${date} ${clock}`;
}

/** DECIMAL values arrive as unscaled integers; put the point back at `scale` digits. */
function formatDecimal(unscaled: string, scale: number): string {
  if (scale === 0) {
    return unscaled;
  }
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

function quoteIfText(value: unknown, text: string): string {
  return typeof value === 'string' ? `'${text}'` : text;
}

/** Formats one Arrow value of `field` for display, nested types included. */
export function formatValue(value: unknown, type: DataType): string {
  if (value === null || value === undefined) {
    return 'NULL';
  }
  if (DataType.isTimestamp(type)) {
    return formatTimestamp(Number(value));
  }
  if (DataType.isDate(type)) {
    return formatTimestamp(Number(value)).slice(0, 10);
  }
  if (DataType.isDecimal(type)) {
    return formatDecimal(String(value), type.scale);
  }
  if (DataType.isMap(type)) {
    const [keyField, valueField] = type.children[0]!.type.children as [Field, Field];
    const entries = [...(value as Iterable<[unknown, unknown]>)].map(
      ([key, entry]) =>
        `${quoteIfText(key, formatValue(key, keyField.type))}: ${quoteIfText(entry, formatValue(entry, valueField.type))}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if (DataType.isStruct(type)) {
    const row = value as Record<string, unknown>;
    const parts = type.children.map(
      (child: Field) => `'${child.name}': ${quoteIfText(row[child.name], formatValue(row[child.name], child.type))}`,
    );
    return `{${parts.join(', ')}}`;
  }
  if (DataType.isList(type)) {
    const child = type.children[0]!;
    const items = [...(value as Iterable<unknown>)].map((item) => quoteIfText(item, formatValue(item, child.type)));
    return `[${items.join(', ')}]`;
  }
  if (value instanceof Uint8Array) {
    return `\\x${[...value].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  }
  return String(value);
}

/** A readable type name for a column header (DuckDB names where they differ from Arrow's). */
export function typeLabel(type: DataType): string {
  if (DataType.isTimestamp(type)) {
    return 'TIMESTAMP';
  }
  if (DataType.isDate(type)) {
    return 'DATE';
  }
  if (DataType.isDecimal(type)) {
    return `DECIMAL(${type.precision},${type.scale})`;
  }
  if (DataType.isInt(type)) {
    return ({8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT'} as Record<number, string>)[type.bitWidth] ?? 'INTEGER';
  }
  if (DataType.isFloat(type)) {
    return type.precision === 2 ? 'DOUBLE' : 'FLOAT';
  }
  if (DataType.isUtf8(type)) {
    return 'VARCHAR';
  }
  if (DataType.isBool(type)) {
    return 'BOOLEAN';
  }
  if (DataType.isMap(type)) {
    const [keyField, valueField] = type.children[0]!.type.children as [Field, Field];
    return `MAP(${typeLabel(keyField.type)}, ${typeLabel(valueField.type)})`;
  }
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((child: Field) => `${child.name} ${typeLabel(child.type)}`).join(', ')})`;
  }
  if (DataType.isList(type)) {
    return `${typeLabel(type.children[0]!.type)}[]`;
  }
  return String(type);
}

