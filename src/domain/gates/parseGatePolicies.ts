import { readApprovalPolicy } from '../approvals/parseApprovalPolicy';
import { NO_DATA_POLICIES, type CheckSpec } from '../checks/checkSpec';
import { COLLECTION_PRESETS, type CollectionSettings } from '../checks/collection';
import { childPath, type ConfigIssue, type ConfigResult } from './configIssue';
import { readArray, readBoolean, readEnum, readNumber, readObject, readString, rejectUnknownKeys, type IssueList } from './configReader';
import { collectionOf, DEFAULT_ANALYSIS, POLICY_ID_MAX_LENGTH, POLICY_ID_PATTERN, type AnalysisSettings, type GatePolicy } from './gatePolicy';
import { parseCheckSpec } from './parseCheckSpec';

/**
 * Parses the `gatePolicies` section of config-as-code (already YAML-decoded) into typed policies.
 * Reports ALL issues at once, each with its path (`gatePolicies[1].checks[0].threshold: expected a number`).
 * `path` is the section's location in the document, so a whole-config parser can embed this one.
 */
export function parseGatePolicies(value: unknown, path = 'gatePolicies'): ConfigResult<readonly GatePolicy[]> {
  const issues: ConfigIssue[] = [];
  const list = readArray(value, path, issues) ?? [];
  const policies = list.map((item, index) => parseGatePolicy(item, childPath(path, index), issues));
  reportDuplicates(list.map(rawPolicyId), (index) => childPath(childPath(path, index), 'id'), 'policy id', issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: policies.filter((policy): policy is GatePolicy => policy !== undefined) };
}

function rawPolicyId(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function parseGatePolicy(value: unknown, path: string, issues: IssueList): GatePolicy | undefined {
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  rejectUnknownKeys(fields, ['id', 'checks', 'analysis', 'approval'], path, issues);
  const id = readString(fields, 'id', path, issues, {
    required: true,
    pattern: POLICY_ID_PATTERN,
    patternHint: 'lowercase letters, digits and inner hyphens (the gate displayName is `conductor:<id>`)',
    maxLength: POLICY_ID_MAX_LENGTH,
  });
  // Analysis first (its preset and ingestion delay set the checks' lookbacks), its issues reported after the checks'.
  const analysisIssues: ConfigIssue[] = [];
  const analysis = parseAnalysis(fields.analysis, childPath(path, 'analysis'), analysisIssues);
  const checks = parseChecks(fields.checks, childPath(path, 'checks'), issues, collectionOf(analysis ?? DEFAULT_ANALYSIS));
  issues.push(...analysisIssues);
  const approval = fields.approval === undefined ? undefined : readApprovalPolicy(fields.approval, childPath(path, 'approval'), issues);
  if (checks !== undefined && checks.length === 0 && fields.approval === undefined) {
    issues.push({ path: childPath(path, 'checks'), message: 'must not be empty unless an approval is configured: a gate never passes unverified' });
  }
  if (id === undefined || checks === undefined || analysis === undefined) return undefined;
  return { id, checks, analysis, ...(approval === undefined ? {} : { approval }) };
}

function parseChecks(value: unknown, path: string, issues: IssueList, collection: CollectionSettings): readonly CheckSpec[] | undefined {
  if (value === undefined) return [];
  const list = readArray(value, path, issues);
  if (list === undefined) return undefined;
  const before = issues.length;
  const checks = list.map((item, index) => parseCheckSpec(item, childPath(path, index), issues, collection));
  // Names come from the raw entries so duplicates are reported even next to other issues in the same entry.
  reportDuplicates(list.map(rawCheckName), (index) => childPath(childPath(path, index), 'name'), 'check name', issues);
  return issues.length === before ? (checks as CheckSpec[]) : undefined;
}

function rawCheckName(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { name, type } = item as { name?: unknown; type?: unknown };
  if (typeof name === 'string') return name;
  return typeof type === 'string' ? type : undefined;
}

function parseAnalysis(value: unknown, path: string, issues: IssueList): AnalysisSettings | undefined {
  if (value === undefined) return DEFAULT_ANALYSIS;
  const fields = readObject(value, path, issues);
  if (fields === undefined) return undefined;
  rejectUnknownKeys(fields, [...Object.keys(DEFAULT_ANALYSIS), 'collectionPreset', 'ingestionDelayMinutes'], path, issues);
  const before = issues.length;
  const whole = (key: keyof AnalysisSettings, min: number, max: number) =>
    readNumber(fields, key, path, issues, { integer: true, min, max, fallback: DEFAULT_ANALYSIS[key] as number }) ?? 0;
  const analysis: AnalysisSettings = {
    initialDelaySeconds: whole('initialDelaySeconds', 0, 86_400),
    intervalSeconds: whole('intervalSeconds', 1, 86_400),
    count: whole('count', 1, 1_000),
    failureLimit: whole('failureLimit', 0, 1_000),
    inconclusiveLimit: whole('inconclusiveLimit', 0, 1_000),
    consecutiveErrorLimit: whole('consecutiveErrorLimit', 0, 1_000),
    noDataPolicy: readEnum(fields, 'noDataPolicy', path, issues, NO_DATA_POLICIES, DEFAULT_ANALYSIS.noDataPolicy) ?? 'inconclusive',
    dryRun: readBoolean(fields, 'dryRun', path, issues, DEFAULT_ANALYSIS.dryRun),
    recoveryProbes: whole('recoveryProbes', 0, 100),
    ...(fields.collectionPreset === undefined ? {} : { collectionPreset: readEnum(fields, 'collectionPreset', path, issues, COLLECTION_PRESETS) ?? 'standard' }),
    ...(fields.ingestionDelayMinutes === undefined ? {} : { ingestionDelayMinutes: whole('ingestionDelayMinutes', 0, 60) }),
  };
  return issues.length === before ? analysis : undefined;
}

function reportDuplicates(
  keys: readonly (string | undefined)[],
  pathOf: (index: number) => string,
  what: string,
  issues: IssueList,
): void {
  keys.forEach((key, index) => {
    if (key !== undefined && keys.indexOf(key) < index) issues.push({ path: pathOf(index), message: `duplicate ${what} "${key}"` });
  });
}
