/**
 * Azure Functions HTTP route templates (ASP.NET Core routing syntax, as the Functions host uses it):
 * literal segments, `{name}`, optional `{name?}`, defaults `{name=value}`, constraints `{id:int}`,
 * `{code:length(6)}`, `{x:regex(^a+$)}`, and catch-all `{*rest}`. Matching is case-insensitive on literals.
 */
export interface CompiledRoute {
  readonly template: string;
  /** Higher wins when several templates match one path (literal > constrained > plain > optional > catch-all). */
  readonly precedence: readonly number[];
  match(path: string): Record<string, string> | undefined;
}

type Constraint = (value: string) => boolean;

interface ParamSegment {
  readonly kind: 'param';
  readonly name: string;
  readonly optional: boolean;
  readonly catchAll: boolean;
  readonly defaultValue?: string;
  readonly constraints: readonly Constraint[];
}
interface LiteralSegment {
  readonly kind: 'literal';
  readonly text: string;
}
type Segment = ParamSegment | LiteralSegment;

const INT64 = /^-?\d{1,19}$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function constraintFor(spec: string, template: string): Constraint {
  const call = /^(\w+)(?:\((.*)\))?$/s.exec(spec);
  if (!call) throw new Error(`Route "${template}": cannot read constraint "${spec}"`);
  const [, name = '', rawArg] = call;
  const args = rawArg?.split(',').map((a) => a.trim()) ?? [];
  const num = (i: number): number => {
    const v = Number(args[i]);
    if (!Number.isFinite(v)) throw new Error(`Route "${template}": constraint "${spec}" needs a number`);
    return v;
  };
  switch (name.toLowerCase()) {
    case 'int':
      return (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2 ** 31;
    case 'long':
      return (v) => INT64.test(v);
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'guid':
      return (v) => GUID.test(v);
    case 'double':
    case 'float':
    case 'decimal':
      return (v) => NUMBER.test(v);
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'length':
      return args.length === 2 ? (v) => v.length >= num(0) && v.length <= num(1) : (v) => v.length === num(0);
    case 'minlength':
      return (v) => v.length >= num(0);
    case 'maxlength':
      return (v) => v.length <= num(0);
    case 'min':
      return (v) => NUMBER.test(v) && Number(v) >= num(0);
    case 'max':
      return (v) => NUMBER.test(v) && Number(v) <= num(0);
    case 'range':
      return (v) => NUMBER.test(v) && Number(v) >= num(0) && Number(v) <= num(1);
    case 'regex': {
      const re = new RegExp(rawArg ?? '', 'i');
      return (v) => re.test(v);
    }
    default:
      throw new Error(`Route "${template}": unknown constraint "${name}"`);
  }
}

function parseSegment(raw: string, template: string): Segment {
  const param = /^\{(\*?)([A-Za-z_]\w*)(\?)?(?::([^=}]+(?:\([^)]*\))?(?::[^=}]+(?:\([^)]*\))?)*))?(?:=([^}]*))?\}$/.exec(raw);
  if (!param) {
    if (raw.includes('{') || raw.includes('}')) throw new Error(`Route "${template}": cannot read segment "${raw}"`);
    return { kind: 'literal', text: raw.toLowerCase() };
  }
  const [, star, name = '', question, constraintText, defaultValue] = param;
  const constraints = constraintText ? constraintText.split(/:(?![^(]*\))/).map((c) => constraintFor(c, template)) : [];
  return {
    kind: 'param',
    name,
    optional: question === '?' || defaultValue !== undefined || star === '*',
    catchAll: star === '*',
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    constraints,
  };
}

function segmentRank(s: Segment): number {
  if (s.kind === 'literal') return 5;
  if (s.catchAll) return 1;
  if (s.optional) return 2;
  return s.constraints.length > 0 ? 4 : 3;
}

export function compileRoute(template: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const segments = trimmed === '' ? [] : trimmed.split('/').map((raw) => parseSegment(raw, template));
  segments.forEach((s, i) => {
    if (s.kind === 'param' && s.catchAll && i !== segments.length - 1) {
      throw new Error(`Route "${template}": a catch-all parameter must be the last segment`);
    }
  });
  return {
    template,
    precedence: segments.map(segmentRank),
    match(path: string) {
      const parts = path.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '');
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i] as Segment;
        const part = parts[i];
        if (seg.kind === 'literal') {
          if (part === undefined || part.toLowerCase() !== seg.text) return undefined;
          continue;
        }
        if (seg.catchAll) {
          const rest = parts.slice(i).map(decodePathSegment).join('/');
          if (rest !== '') params[seg.name] = rest;
          else if (seg.defaultValue !== undefined) params[seg.name] = seg.defaultValue;
          return params;
        }
        if (part === undefined) {
          if (!seg.optional) return undefined;
          if (seg.defaultValue !== undefined) params[seg.name] = seg.defaultValue;
          continue;
        }
        const value = decodePathSegment(part);
        if (!seg.constraints.every((ok) => ok(value))) return undefined;
        params[seg.name] = value;
      }
      return parts.length > segments.length ? undefined : params;
    },
  };
}

/** Orders routes so that the most specific template is tried first. */
export function byPrecedence(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    const d = (b.precedence[i] ?? 0) - (a.precedence[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Decodes one path segment. An invalid escape (`%zz`, a lone `%`, bad UTF-8) is left as written rather than failing
 * the request: ASP.NET Core, which serves the real Functions host, decodes only valid sequences and keeps the rest
 * literally. The function then sees the literal text and refuses it with its own 400 (ids have fixed patterns).
 */
export function decodePathSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
