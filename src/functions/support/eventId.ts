/**
 * The id of a delivered event for the log line, whatever was delivered: the binding hands over the parsed JSON as is
 * (null, an array, a number), and a hostile delivery must be answered, not crash the invocation (Event Grid would
 * retry it until it is dead-lettered).
 */
export function eventId(event: unknown): string {
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? JSON.stringify(id.slice(0, 100)) : '(none)';
}
