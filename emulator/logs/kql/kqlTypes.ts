/**
 * KQL scalar types and their JavaScript representation:
 * string/guid → string (never null: KQL strings have no null, empty is ''), long/int/real → number,
 * bool → boolean, datetime → epoch milliseconds (number), timespan → milliseconds (number),
 * dynamic → parsed JSON value (null for dynamic(null)). Any non-string type may be null.
 */
export type KqlType = 'string' | 'long' | 'int' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'guid';

export type KqlValue = DynamicValue;
export type DynamicValue = null | string | number | boolean | DynamicValue[] | { [key: string]: DynamicValue };

export interface Column {
  readonly name: string;
  readonly type: KqlType;
}

/** A table: typed columns and rows as plain arrays aligned with the columns. */
export interface Table {
  readonly columns: readonly Column[];
  readonly rows: KqlValue[][];
}

export type Row = readonly KqlValue[];

/** Type names accepted in datatable schemas and T(null) literals, mapped to their canonical KQL type. */
export const TYPE_ALIASES: Readonly<Record<string, KqlType>> = {
  string: 'string', long: 'long', int: 'int', real: 'real', double: 'real', bool: 'bool', boolean: 'bool',
  datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', dynamic: 'dynamic', guid: 'guid',
};

export function isNumericType(t: KqlType): boolean {
  return t === 'long' || t === 'int' || t === 'real';
}

/** The value used for a missing cell of a given type (outer join, union): '' for strings, null otherwise. */
export function emptyValue(t: KqlType): KqlValue {
  return t === 'string' ? '' : null;
}
