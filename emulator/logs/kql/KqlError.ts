/** A query error reported to the client as 400 BadArgumentError, with its 1-based line:column position. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export class KqlError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition | undefined,
    /** 'SyntaxError' | 'SemanticError' | 'UnsupportedError' — shown as innererror.code. */
    readonly kind: 'SyntaxError' | 'SemanticError' | 'UnsupportedError' = 'SemanticError',
  ) {
    super(position ? `${message} (at line ${position.line}, column ${position.column})` : message);
    this.name = 'KqlError';
  }
}

/** Anything outside the documented subset: always an error naming the construct, never a guess. */
export function unsupported(construct: string, position: SourcePosition | undefined): KqlError {
  return new KqlError(
    `'${construct}' is not supported by the Log Analytics emulator's KQL subset (see emulator/logs/KQL-SUBSET.md)`,
    position,
    'UnsupportedError',
  );
}
