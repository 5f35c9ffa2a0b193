import { unsupported } from './KqlError';
import type { TokenCursor } from './TokenCursor';

/** `kind=inner|outer`, `withsource=Name` and `isfuzzy=false` of a union, as a source or as a pipeline operator. */
export function parseUnionOptions(c: TokenCursor): { kind: 'inner' | 'outer'; withSource?: string } {
  let kind: 'inner' | 'outer' = 'outer';
  let withSource: string | undefined;
  for (;;) {
    if (c.isIdent('kind') && c.isPunct('=', 1)) {
      c.next(); c.next();
      const k = c.expectIdent('inner or outer');
      if (k.text !== 'inner' && k.text !== 'outer') throw unsupported(`union kind=${k.text}`, k.pos);
      kind = k.text;
    } else if (c.isIdent('withsource') && c.isPunct('=', 1)) {
      c.next(); c.next();
      withSource = c.expectName();
    } else if (c.isIdent('isfuzzy') && c.isPunct('=', 1)) {
      const pos = c.peek().pos;
      c.next(); c.next();
      const v = c.expectIdent('true or false');
      if (v.text !== 'true' && v.text !== 'false') throw c.error('Expected true or false', v);
      if (v.text === 'true') throw unsupported('union isfuzzy=true', pos);
    } else {
      return { kind, withSource };
    }
  }
}
