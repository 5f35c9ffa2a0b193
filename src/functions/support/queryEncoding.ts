import type { HttpHandler } from '@azure/functions';
import { badRequest, type ParameterError } from './problemResponse';

const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Problems with the raw query string's percent-encoding: a `%` not followed by two hex digits, or escapes that do not
 * decode to UTF-8. URLSearchParams (request.query) accepts both silently — it keeps a stray `%` and replaces bad
 * bytes with U+FFFD — so a parameter would be read as something the caller never sent.
 */
export function queryEncodingErrors(url: string): ParameterError[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] ?? '' : '';
  const errors: ParameterError[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const rawName = pair.split('=')[0] ?? '';
    const name = safeDecode(rawName) ?? rawName.replace(/[^A-Za-z0-9_.-]/g, '?').slice(0, 64);
    if (BAD_ESCAPE.test(pair) || pair.split('=').some((part) => safeDecode(part) === undefined)) {
      errors.push({ parameter: name.slice(0, 64), message: 'is not valid percent-encoded UTF-8' });
    }
  }
  return errors;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Every HTTP function's handler behind this: a badly encoded query string is a 400 before any parameter is read. */
export function withQueryEncodingCheck(handler: HttpHandler): HttpHandler {
  return (request, context) => {
    const errors = queryEncodingErrors(request.url);
    if (errors.length > 0) return badRequest(errors);
    return handler(request, context);
  };
}
