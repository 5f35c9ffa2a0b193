import { describe, expect, it } from 'vitest';
import {
  UnsafeKqlValueError,
  kqlDatetime,
  kqlDynamicStrings,
  kqlString,
  regexEscape,
} from '../../../../src/domain/checks/kqlLiteral';
import { lexKql } from './kqlLexer';

describe('kqlString', () => {
  it.each([
    { name: 'a plain ARM id is quoted as is', value: '/subscriptions/s/managedClusters/a', expected: '"/subscriptions/s/managedClusters/a"' },
    { name: 'a double quote is escaped with a backslash', value: 'a"b', expected: '"a\\"b"' },
    { name: 'a backslash is escaped with a backslash', value: 'a\\b', expected: '"a\\\\b"' },
    { name: 'a trailing backslash cannot swallow the closing quote', value: 'a\\', expected: '"a\\\\"' },
    { name: 'a single quote needs no escape inside a double-quoted literal', value: "it's", expected: '"it\'s"' },
    { name: 'non-ASCII letters are kept', value: 'clüster-ß', expected: '"clüster-ß"' },
  ])('$name', ({ value, expected }) => {
    expect(kqlString(value)).toBe(expected);
  });

  it.each([
    { name: 'a line feed', value: 'a\nb' },
    { name: 'a carriage return', value: 'a\rb' },
    { name: 'a NUL character', value: 'a\u0000b' },
    { name: 'a tab', value: 'a\tb' },
    { name: 'DEL', value: 'a\u007fb' },
    { name: 'a C1 control character', value: 'a\u0085b' },
    { name: 'a Unicode line separator', value: 'a\u2028b' },
    { name: 'a Unicode paragraph separator', value: 'a\u2029b' },
  ])('rejects a value containing $name', ({ value }) => {
    expect(() => kqlString(value)).toThrow(UnsafeKqlValueError);
  });

  it.each([
    'x"]); KubeNodeInventory | take 1 //',
    'x\\"]); print 1; let y = dynamic(["',
    '" or 1 == 1 or "',
    "'; drop table x; '",
    '\\\\\\"',
    '@"verbatim"',
  ])('decodes back to exactly the input and stays one literal for %j', (value) => {
    const lexed = lexKql(kqlString(value));
    expect(lexed).toEqual({ skeleton: 'S', literals: [value] });
  });
});

describe('kqlDynamicStrings', () => {
  it('renders every element as an escaped literal inside one dynamic array', () => {
    expect(kqlDynamicStrings(['a', 'b"c'])).toBe('dynamic(["a", "b\\"c"])');
  });

  it('renders an empty array for no values', () => {
    expect(kqlDynamicStrings([])).toBe('dynamic([])');
  });
});

describe('kqlDatetime', () => {
  it('renders a UTC ISO timestamp as a datetime literal', () => {
    expect(kqlDatetime('2026-11-21T17:00:00.000Z')).toBe('datetime(2026-11-21T17:00:00.000Z)');
  });

  it.each(['2026-11-21 17:00:00', '2026-11-21T17:00:00+01:00', '2026-11-21T17:00:00Z); print 1; (', 'yesterday'])(
    'rejects %j, which is not a strict UTC ISO timestamp',
    (value) => {
      expect(() => kqlDatetime(value)).toThrow(UnsafeKqlValueError);
    },
  );
});

describe('regexEscape', () => {
  it('escapes regex metacharacters so a controller name matches literally', () => {
    expect(regexEscape('app.v1+(x)')).toBe('app\\.v1\\+\\(x\\)');
  });
});
