/**
 * Small builders for the JSON Schema (2020-12, as OpenAPI 3.1 uses it) of the operator API document, so the
 * schemas read like the TypeScript types they mirror: `object(required, optional)` is closed by default
 * (`additionalProperties: false`) because the view models are exact; deep domain records opt out explicitly.
 */

/** A JSON Schema or any other plain-JSON piece of the document. */
export type Schema = Readonly<Record<string, unknown>>;

/** A map of property names to their schemas. */
export type Properties = Readonly<Record<string, Schema>>;

function described(schema: Schema, description: string | undefined): Schema {
  return description === undefined ? schema : { ...schema, description };
}

export const str = (description?: string): Schema => described({ type: 'string' }, description);
export const dateTime = (description?: string): Schema => described({ type: 'string', format: 'date-time' }, description);
export const bool = (description?: string): Schema => described({ type: 'boolean' }, description);
export const num = (description?: string): Schema => described({ type: 'number' }, description);
export const int = (minimum: number, description?: string): Schema => described({ type: 'integer', minimum }, description);
export const arrayOf = (items: Schema, description?: string): Schema => described({ type: 'array', items }, description);
export const stringEnum = (values: readonly string[], description?: string): Schema =>
  described({ type: 'string', enum: [...values] }, description);

/** Any JSON value (the TypeScript `unknown`). */
export const anyValue = (description?: string): Schema => described({}, description);

/** A JSON object with the given `required` and `optional` properties and nothing else. */
export function object(required: Properties, optional: Properties = {}, description?: string): Schema {
  const names = Object.keys(required);
  return described(
    {
      type: 'object',
      ...(names.length > 0 ? { required: names } : {}),
      properties: { ...required, ...optional },
      additionalProperties: false,
    },
    description,
  );
}

/**
 * Like `object`, but further properties are allowed: for deep domain records (gate policy, gate phase, pending
 * command) whose full shape belongs to the domain, where the document lists the fields operators rely on.
 */
export function openObject(required: Properties, optional: Properties = {}, description?: string): Schema {
  return { ...object(required, optional, description), additionalProperties: true };
}

/** A JSON object whose keys are free and whose values all follow `values` (the TypeScript `Record<string, T>`). */
export const mapOf = (values: Schema, description?: string): Schema =>
  described({ type: 'object', additionalProperties: values }, description);

/**
 * The values of a string union as an array, checked at compile time to name every member: a value added to the
 * domain union fails to compile here until the document lists it. Usage: `everyValue<CheckOutcome>()([...])`.
 */
export function everyValue<T extends string>() {
  return <const L extends readonly T[]>(values: L & ([T] extends [L[number]] ? unknown : never)): readonly string[] => values;
}
