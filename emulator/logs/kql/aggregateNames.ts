/** Names of the aggregation functions the subset supports (summarize only). */
export const AGGREGATE_NAMES: ReadonlySet<string> = new Set([
  'count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'avgif', 'min', 'max', 'arg_max', 'arg_min', 'make_set', 'make_list', 'any', 'take_any',
]);
