/** Tiny typed reader over parsed YAML/JSON that reports errors with the offending path, e.g. `fleets[0].members[2].name`. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class FieldReader {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  fail(message: string): never {
    throw new ScenarioError(`scenario ${this.path || '<root>'}: ${message}`);
  }

  private child(key: string): FieldReader {
    const obj = this.object();
    return new FieldReader(obj[key], this.path ? `${this.path}.${key}` : key);
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) this.fail('must be an object');
    return this.value as Record<string, unknown>;
  }

  has(key: string): boolean {
    return this.object()[key] !== undefined && this.object()[key] !== null;
  }

  field(key: string): FieldReader {
    return this.child(key);
  }

  optional(key: string): FieldReader | undefined {
    return this.has(key) ? this.child(key) : undefined;
  }

  string(key: string, fallback?: string): string {
    if (!this.has(key)) return fallback ?? this.fail(`'${key}' is required (a string)`);
    const v = this.object()[key];
    if (typeof v !== 'string' || v === '') return this.child(key).fail('must be a non-empty string');
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  number(key: string, fallback?: number): number {
    if (!this.has(key)) return fallback ?? this.fail(`'${key}' is required (a number)`);
    const v = this.object()[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.child(key).fail('must be a number');
    return v;
  }

  optionalNumber(key: string): number | undefined {
    return this.has(key) ? this.number(key) : undefined;
  }

  boolean(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const v = this.object()[key];
    if (typeof v !== 'boolean') return this.child(key).fail('must be true or false');
    return v;
  }

  array(key: string): FieldReader[] {
    if (!this.has(key)) return [];
    const v = this.object()[key];
    if (!Array.isArray(v)) return this.child(key).fail('must be a list');
    return v.map((item, i) => new FieldReader(item, `${this.path ? `${this.path}.` : ''}${key}[${i}]`));
  }

  stringArray(key: string): string[] {
    return this.array(key).map((r) => {
      if (typeof r.value !== 'string') return r.fail('must be a string');
      return r.value;
    });
  }

  stringMap(key: string): Record<string, string> | undefined {
    if (!this.has(key)) return undefined;
    const obj = this.child(key).object();
    for (const [k, v] of Object.entries(obj)) if (typeof v !== 'string') return this.child(key).fail(`'${k}' must be a string`);
    return obj as Record<string, string>;
  }

  numberMap(key: string): Record<string, number> {
    if (!this.has(key)) return {};
    const obj = this.child(key).object();
    for (const [k, v] of Object.entries(obj)) if (typeof v !== 'number') return this.child(key).fail(`'${k}' must be a number`);
    return obj as Record<string, number>;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    if (!this.has(key)) return fallback;
    const v = this.object()[key];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return this.child(key).fail(`must be one of ${allowed.join(', ')}`);
    return v as T;
  }
}
