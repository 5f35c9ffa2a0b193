import { describe, expect, it } from 'vitest';
import { KqlError } from '../../../emulator/logs/kql/KqlError';
import { runQuery } from '../../../emulator/logs/kql/runQuery';
import { errorOf, fixedProvider, NOW, SAMPLE } from './kqlHarness';

describe('constructs outside the subset are refused, naming the construct', () => {
  it.each<[string, string]>([
    ['Nodes | mv-expand Props', "'mv-expand operator' is not supported"],
    ['Nodes | parse Node with * "n" num', "'parse operator' is not supported"],
    ['Nodes | render timechart', "'render operator' is not supported"],
    ['Nodes | make-series count() on Ts step 1h', "'make-series operator' is not supported"],
    ['Nodes | lookup Pods on Cluster', "'lookup operator' is not supported"],
    ['Nodes | evaluate bag_unpack(Props)', "'evaluate operator' is not supported"],
    ['Nodes | top-nested 2 of Cluster by count()', "'top-nested operator' is not supported"],
    ['Nodes | join kind=fullouter Pods on Cluster', "'join kind=fullouter' is not supported"],
    ['Nodes | join kind=rightouter Pods on Cluster', "'join kind=rightouter' is not supported"],
    ['Nodes | join hint.strategy=broadcast Pods on Cluster', "'join hints' is not supported"],
    ['Nodes | where Node has_any ("n1")', "'has_any operator' is not supported"],
    ['Nodes | where Node hasprefix "n"', "'hasprefix operator' is not supported"],
    ['Nodes | summarize percentile(Cpu, 50)', "'aggregation function percentile()' is not supported"],
    ['Nodes | summarize hint.shufflekey = Cluster count() by Cluster', "'summarize hints' is not supported"],
    ['Nodes | extend h = hash(Node)', "'function hash()' is not supported"],
    ['Nodes | extend d = format_datetime(Ts, "yyyy")', "'function format_datetime()' is not supported"],
    ['let f = (x:long) { x + 1 }; print f(1)', "'user-defined function (let f = (...) {...})' is not supported"],
    ['range x from 1 to 3 step 1', "'range' is not supported"],
    ['search "x"', "'search' is not supported"],
    ['union isfuzzy=true Nodes', "'union isfuzzy=true' is not supported"],
    ['print x = toscalar(Nodes | count)', "'toscalar() in a scalar expression' is not supported"],
    ['Nodes | top 2 by Cpu, Ts', "'top with more than one sort key' is not supported"],
    ['Nodes | summarize any(*)', "'any(*)' is not supported"],
    ['print x = strcat(a = 1)', "'named argument 'a =' in strcat()' is not supported"],
  ])('%s', (query, message) => {
    expect(errorOf(query)).toContain(message);
  });
});

describe('type and name errors are reported, never evaluated JavaScript-style', () => {
  it.each<[string, string]>([
    ['print x = "a" + "b"', "Operator '+' is not defined for string and string"],
    ['print x = 1 == "1"', 'Cannot compare a value of type long with a value of type string'],
    ['print x = datetime(2026-01-01) > 5', 'Cannot compare a value of type datetime with a value of type long'],
    ['print x = iff(true, 1, "a")', 'all result arguments must have the same type'],
    ['print x = iff(1, 2, 3)', 'the condition must be bool or dynamic, got long'],
    ['Nodes | where Restarts', 'The where predicate must be bool, got long'],
    ['Nodes | where NoSuch == 1', "The name 'NoSuch' does not refer to any known column"],
    ['NoSuchTable | count', "Failed to resolve table or column expression named 'NoSuchTable'"],
    ['print x = ago("1h")', 'ago(): argument must be timespan, got string'],
    ['Nodes | project Status.a', 'Member access needs a dynamic value, got string'],
    ['print x = sum(1)', "Aggregation function 'sum()' can only be used in summarize"],
    ['Nodes | join kind=inner Pods on Node', "join: the right side has no column 'Node'"],
    ['Nodes | join kind=inner (Pods | project Cluster = 1) on Cluster', "join: key 'Cluster' is string on the left but 'Cluster' is long on the right"],
    ['print x = toupper(1, 2)', 'expects 1 argument(s), got 2'],
    ['print x = "a" has 1', "Operator 'has' needs string operands, got long"],
    ['print x = 1 and true', "Operator 'and' needs bool operands, got long"],
    ['print x = -"a"', "Unary '-' is not defined for string"],
    ['Nodes | summarize count() by Props', 'cannot group by a dynamic value'],
    ['Nodes | summarize x = strlen(Node)', 'summarize expects aggregation functions'],
    ['Nodes | summarize x = arg_max(Ts, Node) + 1', 'arg_max()/arg_min() cannot be used inside an expression'],
    ['Nodes | project Node, Node', "project: the column 'Node' appears more than once"],
    ['Nodes | project-away Nope', "project-away: no column named 'Nope'"],
    ['Nodes | take -1', 'take expects a non-negative constant number'],
    ['Nodes | where Node matches regex "("', "Invalid regular expression '('"],
    ['Nodes | where Ts between (1 .. 2)', "'between' needs numeric, datetime or timespan operands of one kind"],
    ['Nodes | where Node in (1, 2)', "Cannot compare string with long in 'in'"],
    ['let n = 1; n | count', "'n' is a scalar; a tabular expression was expected"],
    ['datatable(a:long)["x"]', "datatable: value 1 is string, column 'a' is long"],
  ])('%s', (query, message) => {
    expect(errorOf(query)).toContain(message);
  });
});

describe('syntax errors carry the line and column of the problem', () => {
  it.each<[string, string]>([
    ['Nodes\n| where Status == ', 'Expected an expression, found end of query (at line 2, column 19)'],
    ['Nodes | where Status == "Ready', 'Unterminated string literal (at line 1, column 25)'],
    ['Nodes | wher Status == "x"', "Unknown tabular operator 'wher' (at line 1, column 9)"],
    ['Nodes\n  | where Status = "x"', "Unexpected '=': use '==' to compare values ('=' only names a column) (at line 2, column 18)"],
    ['Nodes | project', 'Expected an expression, found end of query (at line 1, column 16)'],
    ['Nodes | where Ts > ago(5q)', "Unknown timespan unit 'q' in '5q' (at line 1, column 24)"],
    ['Nodes | where Ts > datetime(2026-13-45)', "Invalid datetime literal '2026-13-45' (at line 1, column 20)"],
    ['Nodes | where (Status == "x"', "Expected ')', found end of query (at line 1, column 29)"],
    ['Nodes | summarize', 'Expected an expression, found end of query (at line 1, column 18)'],
    ['Nodes | order Node', "Expected 'by' after 'order', found 'Node' (at line 1, column 15)"],
    ['Nodes | join kind=sideways Pods on Cluster', "Unknown join kind 'sideways' (at line 1, column 19)"],
    ['let x = 1 Nodes', "Expected ';' after the let statement, found 'Nodes' (at line 1, column 11)"],
    ['Nodes | where Node == "a" Pods', "Expected '|' or end of query, found 'Pods' (at line 1, column 27)"],
    ['Nodes | where Node == "\\q"', "Unknown escape sequence '\\q' in string literal (at line 1, column 24)"],
    ['Nodes | where Node == #', "Unexpected character '#' (at line 1, column 23)"],
  ])('%j', (query, message) => {
    expect(errorOf(query)).toBe(message);
  });

  it('exposes the position and kind on the error object', () => {
    let caught: unknown;
    try {
      runQuery('Nodes\n| mv-expand Props', fixedProvider(SAMPLE), NOW);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(KqlError);
    const e = caught as KqlError;
    expect({ kind: e.kind, line: e.position?.line, column: e.position?.column }).toEqual({ kind: 'UnsupportedError', line: 2, column: 3 });
  });
});
