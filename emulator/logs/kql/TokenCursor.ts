import { KqlError } from './KqlError';
import type { Token } from './tokenize';

/** A read position over the token list with the small helpers the parsers share. */
export class TokenCursor {
  index = 0;

  constructor(readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }

  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  isIdent(text?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && (text === undefined || t.text === text);
  }

  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  acceptIdent(text: string): boolean {
    if (!this.isIdent(text)) return false;
    this.next();
    return true;
  }

  expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.error(`Expected '${text}'`);
    return this.next();
  }

  expectIdent(what = 'a name'): Token {
    const t = this.peek();
    if (t.kind !== 'ident') throw this.error(`Expected ${what}`);
    return this.next();
  }

  /** A column name: an identifier or a quoted name ['Name'] / ["Name"]. */
  expectName(what = 'a column name'): string {
    if (this.isPunct('[') && this.peek(1).kind === 'string' && this.isPunct(']', 2)) {
      this.next();
      const name = this.next().text;
      this.next();
      return name;
    }
    return this.expectIdent(what).text;
  }

  isNameStart(): boolean {
    return this.peek().kind === 'ident' || (this.isPunct('[') && this.peek(1).kind === 'string' && this.isPunct(']', 2));
  }

  error(message: string, token: Token = this.peek()): KqlError {
    const found = token.kind === 'eof' ? 'end of query' : `'${token.text}'`;
    return new KqlError(`${message}, found ${found}`, token.pos, 'SyntaxError');
  }
}
