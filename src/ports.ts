/**
 * The capabilities use cases need from the outside world (docs/design.md §1). Adapters implement them; use cases see
 * nothing else. Method names follow the Azure SDK verbs: get* returns undefined when missing, list* pages,
 * upsert* creates or replaces.
 */
export * from './ports/timers';
export * from './ports/fleet';
export * from './ports/logs';
export * from './ports/state';
export * from './ports/notifications';
export * from './ports/releases';
export * from './ports/history';
export * from './ports/approvals';
export * from './ports/preflight';
