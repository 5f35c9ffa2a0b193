/**
 * A string property holds at most 32K UTF-16 characters (64 KiB) while an entity holds 1 MiB, so documents
 * are stored as JSON split over numbered properties `json0..jsonN` with the count in `jsonParts`.
 */
const CHUNK = 30_000;
const MAX_PARTS = 30;

export type JsonColumns = Record<string, string | number>;

export function toJsonColumns(value: unknown): JsonColumns {
  const text = JSON.stringify(value);
  const parts = Math.max(1, Math.ceil(text.length / CHUNK));
  if (parts > MAX_PARTS) throw new Error(`Document of ${text.length} characters is too large for one table entity`);
  const columns: JsonColumns = { jsonParts: parts };
  for (let i = 0; i < parts; i++) columns[`json${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

export function fromJsonColumns<T>(entity: Readonly<Record<string, unknown>>): T {
  const parts = entity.jsonParts;
  if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 1) throw new Error('Entity has no JSON document (jsonParts missing)');
  let text = '';
  for (let i = 0; i < parts; i++) {
    const chunk = entity[`json${i}`];
    if (typeof chunk !== 'string') throw new Error(`Entity JSON document is missing part ${i} of ${parts}`);
    text += chunk;
  }
  return JSON.parse(text) as T;
}
