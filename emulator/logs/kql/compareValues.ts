import type { KqlType, KqlValue } from './kqlTypes';
import { dynamicToString } from './kqlValues';

/** Types that may be compared with each other (dynamic is compared at run time). */
export function comparable(a: KqlType, b: KqlType): boolean {
  if (a === 'dynamic' || b === 'dynamic') return true;
  const family = (t: KqlType): string =>
    t === 'long' || t === 'int' || t === 'real' ? 'number' : t === 'guid' ? 'string' : t;
  return family(a) === family(b);
}

/** Reads a dynamic value as the other operand's type (null when it does not fit). */
export function dynamicAs(value: KqlValue, type: KqlType): KqlValue {
  const v = value;
  if (v === null) return null;
  switch (type) {
    case 'string': case 'guid': return dynamicToString(v);
    case 'long': case 'int': case 'real':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      return null;
    case 'bool': return typeof v === 'boolean' ? v : null;
    case 'datetime': return typeof v === 'string' ? (Number.isNaN(Date.parse(v)) ? null : Date.parse(v)) : null;
    case 'timespan': case 'dynamic': return v;
  }
}

/**
 * Total order used by sort, min/max and comparisons of two non-null values of one type family.
 * Strings compare ordinally (case-sensitive); dynamic values by number when both are numbers, else by text.
 */
export function compareNonNull(a: KqlValue, b: KqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const sa = typeof a === 'object' ? JSON.stringify(a) : String(a);
  const sb = typeof b === 'object' ? JSON.stringify(b) : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Equality of two non-null values (dynamic arrays/objects by JSON text). */
export function equalNonNull(a: KqlValue, b: KqlValue): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
