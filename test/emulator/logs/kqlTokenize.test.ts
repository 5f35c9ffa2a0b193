import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../emulator/logs/kql/tokenize';

const show = (text: string): string[] =>
  tokenize(text).map((t) => `${t.kind}:${t.text}${t.value !== undefined ? `=${t.value}` : ''}@${t.pos.line}:${t.pos.column}`);

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['T | where x == 1', ['ident:T@1:1', 'punct:|@1:3', 'ident:where@1:5', 'ident:x@1:11', 'punct:==@1:13', 'number:1=1@1:16', 'eof:@1:17']],
    ['a=~"b"', ['ident:a@1:1', 'punct:=~@1:2', 'string:b@1:4', 'eof:@1:7']],
    ['5m 1.5h 100ms 2d', ['timespan:5m=300000@1:1', 'timespan:1.5h=5400000@1:4', 'timespan:100ms=100@1:9', 'timespan:2d=172800000@1:15', 'eof:@1:17']],
    ['1.5 2e3 7', ['number:1.5=1.5@1:1', 'number:2e3=2000@1:5', 'number:7=7@1:9', 'eof:@1:10']],
    ['x !in (1) and y in~ ("a") or z !has "q"', ['ident:x@1:1', 'ident:!in@1:3', 'punct:(@1:7', 'number:1=1@1:8', 'punct:)@1:9', 'ident:and@1:11',
      'ident:y@1:15', 'ident:in~@1:17', 'punct:(@1:21', 'string:a@1:22', 'punct:)@1:25', 'ident:or@1:27', 'ident:z@1:30', 'ident:!has@1:32', 'string:q@1:37', 'eof:@1:40']],
    ['T | project-away a', ['ident:T@1:1', 'punct:|@1:3', 'ident:project-away@1:5', 'ident:a@1:18', 'eof:@1:19']],
    ['a-b', ['ident:a@1:1', 'punct:-@1:2', 'ident:b@1:3', 'eof:@1:4']],
    ['datetime(2026-11-21T10:00:00Z)', ['raw:datetime@1:1', 'string:2026-11-21T10:00:00Z@1:10', 'eof:@1:31']],
    ['dynamic({"a": [1, ")"]})', ['raw:dynamic@1:1', 'string:{"a": [1, ")"]}@1:9', 'eof:@1:25']],
    ["@'c:\\dir' 'it\\'s' \"tab\\t\"", ['string:c:\\dir@1:1', "string:it's@1:11", 'string:tab\t@1:19', 'eof:@1:26']],
    ['T // comment\n| count', ['ident:T@1:1', 'punct:|@2:1', 'ident:count@2:3', 'eof:@2:8']],
    ['x between (1 .. 2)', ['ident:x@1:1', 'ident:between@1:3', 'punct:(@1:11', 'number:1=1@1:12', 'punct:..@1:14', 'number:2=2@1:17', 'punct:)@1:18', 'eof:@1:19']],
    ['$left.A == $right.B', ['ident:$left@1:1', 'punct:.@1:6', 'ident:A@1:7', 'punct:==@1:9', 'ident:$right@1:12', 'punct:.@1:18', 'ident:B@1:19', 'eof:@1:20']],
  ])('%j', (text, expected) => {
    expect(show(text)).toEqual(expected);
  });
});
