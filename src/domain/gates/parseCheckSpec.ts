import {
  CHECK_TYPES,
  COMPARATORS,
  CONTAINER_INSIGHTS_TABLES,
  NO_DATA_POLICIES,
  type CheckSpec,
  type CheckType,
  type ContainerInsightsTable,
  type CriticalWorkload,
} from '../checks/checkSpec';
import {
  collectionIntervalMinutes,
  DEFAULT_COLLECTION,
  defaultLookbackMinutes,
  minimumLookbackMinutes,
  uncollectedNamespaces,
  type CollectionSettings,
} from '../checks/collection';
import { childPath } from './configIssue';
import {
  checkString,
  readArray,
  readBoolean,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStringList,
  rejectUnknownKeys,
  type Fields,
  type IssueList,
} from './configReader';

const CHECK_NAME = { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, patternHint: 'lowercase letters, digits and inner hyphens', maxLength: 63 };
const NAMESPACE = { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, patternHint: 'a Kubernetes namespace name (DNS-1123 label)', maxLength: 63 };
const CONTROLLER = { pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, patternHint: 'a Kubernetes object name (DNS-1123 subdomain)', maxLength: 253 };
const COLUMN = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternHint: 'a KQL column name (letters, digits, underscore)', maxLength: 128 };
const MAX_QUERY_LENGTH = 20_000;

const COMMON_KEYS = ['type', 'name', 'dryRun', 'noDataPolicy', 'lookbackMinutes'];
const TYPE_KEYS: Readonly<Record<CheckType, readonly string[]>> = {
  'nodes-ready': ['threshold'],
  'pods-healthy': ['threshold', 'namespaces', 'excludeNamespaces'],
  'pods-pending': ['threshold', 'namespaces', 'excludeNamespaces', 'pendingMinutes'],
  'critical-workloads': ['workloads'],
  'metrics-flowing': ['threshold', 'tables'],
  'pvc-bound': ['threshold', 'namespaces'],
  restarts: ['threshold', 'namespaces', 'excludeNamespaces'],
  custom: ['query', 'clusterIdColumn', 'valueColumn', 'comparator', 'threshold'],
};
/**
 * Parses one entry of a policy's `checks` list; records every issue and returns undefined if there was any.
 * `collection` (the policy's preset and ingestion delay) sets the default lookback and the shortest one allowed:
 * a window that cannot hold a sample is a config error, named by its path.
 */
export function parseCheckSpec(value: unknown, path: string, issues: IssueList, collection: CollectionSettings = DEFAULT_COLLECTION): CheckSpec | undefined {
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  const type = readEnum(fields, 'type', path, issues, CHECK_TYPES);
  if (type === undefined) return undefined;
  const before = issues.length;
  rejectUnknownKeys(fields, [...COMMON_KEYS, ...TYPE_KEYS[type]], path, issues);
  const common = {
    name: readString(fields, 'name', path, issues, CHECK_NAME) ?? type,
    lookbackMinutes: readLookback(fields, type, path, issues, collection),
    ...optional('dryRun', fields.dryRun === undefined ? undefined : readBoolean(fields, 'dryRun', path, issues, false)),
    ...optional('noDataPolicy', fields.noDataPolicy === undefined ? undefined : readEnum(fields, 'noDataPolicy', path, issues, NO_DATA_POLICIES)),
  };
  if (type === 'metrics-flowing' && fields.noDataPolicy !== undefined) {
    issues.push({ path: childPath(path, 'noDataPolicy'), message: 'does not apply to metrics-flowing: a silent cluster counts as 0 rows' });
  }
  const spec = typedSpec(type, fields, path, issues, common, collection);
  if (spec.type === 'critical-workloads') rejectUncollected(spec.workloads, path, issues, collection);
  return issues.length === before ? spec : undefined;
}

function readLookback(fields: Fields, type: CheckType, path: string, issues: IssueList, collection: CollectionSettings): number {
  const minutes = readNumber(fields, 'lookbackMinutes', path, issues, { integer: true, min: 1, max: 1440, fallback: defaultLookbackMinutes(type, collection) }) ?? 0;
  const minimum = minimumLookbackMinutes(type, collection);
  if (fields.lookbackMinutes !== undefined && minutes > 0 && minutes < minimum) {
    issues.push({
      path: childPath(path, 'lookbackMinutes'),
      message: `must be at least ${minimum}: under the ${collection.preset} preset a sample arrives every ${collectionIntervalMinutes(collection.preset)} min and takes up to ${collection.ingestionDelayMinutes} min to be queryable, so a shorter window can hold no ${type === 'restarts' ? 'pair of samples' : 'sample'}`,
    });
  }
  return minutes;
}

/** A critical workload in a namespace the preset does not collect could never be seen: refused, not silently held. */
function rejectUncollected(workloads: readonly CriticalWorkload[], path: string, issues: IssueList, collection: CollectionSettings): void {
  const excluded = uncollectedNamespaces(collection.preset);
  workloads.forEach((workload, index) => {
    if (excluded.includes(workload.namespace)) {
      issues.push({
        path: childPath(childPath(childPath(path, 'workloads'), index), 'namespace'),
        message: `is not collected under the ${collection.preset} preset (it leaves out ${excluded.join(', ')}): this workload could never be verified`,
      });
    }
  });
}

type Common = Pick<CheckSpec, 'name' | 'lookbackMinutes' | 'dryRun' | 'noDataPolicy'>;

function typedSpec(type: CheckType, fields: Fields, path: string, issues: IssueList, common: Common, collection: CollectionSettings): CheckSpec {
  const threshold = (fallback: number, min = 0) => readNumber(fields, 'threshold', path, issues, { min, fallback }) ?? fallback;
  const namespaces = (key: string) => optional(key, readStringList(fields, key, path, issues, NAMESPACE));
  switch (type) {
    case 'nodes-ready':
      return { ...common, type, threshold: threshold(0) };
    case 'pods-healthy':
      return { ...common, type, threshold: threshold(0), ...namespaces('namespaces'), ...namespaces('excludeNamespaces') };
    case 'pods-pending':
      return {
        ...common, type, threshold: threshold(0),
        pendingMinutes: readNumber(fields, 'pendingMinutes', path, issues, { integer: true, min: 1, max: 1440, fallback: 3 }) ?? 3,
        ...namespaces('namespaces'), ...namespaces('excludeNamespaces'),
      };
    case 'critical-workloads':
      return { ...common, type, workloads: readWorkloads(fields, path, issues) };
    case 'metrics-flowing': {
      const tables = readStringList(fields, 'tables', path, issues, { nonEmpty: true });
      const tablesOk = (tables ?? []).filter((table, index): table is ContainerInsightsTable => {
        const known = (CONTAINER_INSIGHTS_TABLES as readonly string[]).includes(table);
        if (!known) issues.push({ path: childPath(childPath(path, 'tables'), index), message: `must be one of ${CONTAINER_INSIGHTS_TABLES.join(', ')}` });
        return known;
      });
      return {
        ...common, type, threshold: threshold(1, 1), tables: tables === undefined ? ['KubeNodeInventory', 'KubePodInventory'] : tablesOk,
        expectSampleWithinMinutes: minimumLookbackMinutes(type, collection),
      };
    }
    case 'pvc-bound':
      return { ...common, type, threshold: threshold(0), ...namespaces('namespaces') };
    case 'restarts':
      return { ...common, type, threshold: threshold(5), ...namespaces('namespaces'), ...namespaces('excludeNamespaces') };
    case 'custom':
      return {
        ...common,
        type,
        query: readCustomQuery(fields, path, issues) ?? '',
        clusterIdColumn: readString(fields, 'clusterIdColumn', path, issues, COLUMN) ?? 'ClusterId',
        valueColumn: readString(fields, 'valueColumn', path, issues, COLUMN) ?? 'Value',
        comparator: readEnum(fields, 'comparator', path, issues, COMPARATORS) ?? '<=',
        threshold: readNumber(fields, 'threshold', path, issues) ?? 0,
      };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

function readWorkloads(fields: Fields, path: string, issues: IssueList): CriticalWorkload[] {
  const at = childPath(path, 'workloads');
  if (fields.workloads === undefined) {
    issues.push({ path: at, message: 'is required: list the namespaces/controllers that must be running and ready' });
    return [];
  }
  const list = readArray(fields.workloads, at, issues) ?? [];
  if (list.length === 0 && Array.isArray(fields.workloads)) issues.push({ path: at, message: 'must not be empty' });
  return list.flatMap((item, index) => {
    const itemPath = childPath(at, index);
    const workload = readObject(item, itemPath, issues);
    if (workload === undefined) return [];
    rejectUnknownKeys(workload, ['namespace', 'controller'], itemPath, issues);
    const namespace = readString(workload, 'namespace', itemPath, issues, { ...NAMESPACE, required: true });
    const controller = readString(workload, 'controller', itemPath, issues, CONTROLLER);
    return namespace === undefined ? [] : [{ namespace, ...optional('controller', controller) }];
  });
}

function readCustomQuery(fields: Fields, path: string, issues: IssueList): string | undefined {
  const at = childPath(path, 'query');
  const raw = fields.query;
  if (raw === undefined || raw === null) {
    issues.push({ path: at, message: 'is required' });
    return undefined;
  }
  // Line breaks and tabs are normal in multi-line KQL; other control characters are rejected by checkString.
  const query = checkString(typeof raw === 'string' ? raw.replace(/[\r\n\t]/g, ' ') : raw, at, issues, { maxLength: MAX_QUERY_LENGTH });
  if (query === undefined || typeof raw !== 'string') return undefined;
  if (!/\bclusters\b/.test(raw)) {
    issues.push({ path: at, message: 'must filter on `clusters` (e.g. `| where ClusterId in~ (clusters)`): one batched query for all gated clusters' });
    return undefined;
  }
  return raw;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
