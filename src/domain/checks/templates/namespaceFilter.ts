import { kqlStringList } from '../kqlLiteral';

/**
 * A boolean KQL expression selecting rows by namespace column, or undefined when no filter applies.
 * Used inside countif()/iff() rather than in a `where`, so that clusters with no matching rows still return a
 * row (value 0) instead of looking like "no data".
 */
export function namespaceFilter(
  column: string,
  namespaces: readonly string[] | undefined,
  excludeNamespaces: readonly string[] | undefined,
): string | undefined {
  const parts: string[] = [];
  if (namespaces !== undefined && namespaces.length > 0) parts.push(`${column} in ${kqlStringList(namespaces)}`);
  if (excludeNamespaces !== undefined && excludeNamespaces.length > 0) {
    parts.push(`${column} !in ${kqlStringList(excludeNamespaces)}`);
  }
  return parts.length === 0 ? undefined : parts.join(' and ');
}
