/**
 * A test-only KQL lexer, just enough to prove injection safety: it splits a query into string literals
 * (double- or single-quoted, backslash escapes) and the code around them. If no input value can change the
 * code skeleton, no input value can change what the query does.
 */
export interface LexedQuery {
  /** The query with every string literal replaced by `S`. */
  readonly skeleton: string;
  /** The decoded values of the string literals, in order. */
  readonly literals: readonly string[];
}

export function lexKql(text: string): LexedQuery {
  let skeleton = '';
  const literals: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char !== '"' && char !== "'") {
      skeleton += char;
      index += 1;
      continue;
    }
    let value = '';
    index += 1;
    for (;;) {
      if (index >= text.length) throw new Error(`unterminated string literal in:\n${text}`);
      const next = text[index]!;
      if (next === '\\') {
        const escaped = text[index + 1];
        if (escaped === undefined) throw new Error('dangling backslash');
        value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
        index += 2;
      } else if (next === char) {
        index += 1;
        break;
      } else {
        value += next;
        index += 1;
      }
    }
    literals.push(value);
    skeleton += 'S';
  }
  return { skeleton, literals };
}
