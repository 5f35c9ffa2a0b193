import { escapeHtml } from './escapeHtml';

/** Markup built by `html` (or a trusted constant): the only thing inserted without escaping. */
export interface SafeHtml {
  readonly safeHtml: string;
}

/** What a template may interpolate. `false`, null and undefined render nothing, so `cond && html\`..\`` works. */
export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

/**
 * Tagged template that escapes every interpolated value with escapeHtml unless it is already SafeHtml.
 * Escaping by default means a forgotten call cannot open an injection hole; attributes must be double-quoted.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return { safeHtml: out };
}

/** Marks a constant written in this code base (CSS, fixed markup) as safe. Never pass data to it. */
export function trustedHtml(constant: string): SafeHtml {
  return { safeHtml: constant };
}

export function toHtml(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(value);
  if (isSafe(value)) return value.safeHtml;
  return value.map(toHtml).join('');
}

function isSafe(value: SafeHtml | readonly HtmlValue[]): value is SafeHtml {
  return !Array.isArray(value);
}
