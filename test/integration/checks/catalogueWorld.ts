import type { ClusterHealth, CollectionPreset, TelemetryCluster, TelemetryWorkload } from '../../../emulator/telemetrySource';
import { evaluateCheck } from '../../../src/domain/checks/evaluateCheck';
import { renderCheckQuery } from '../../../src/domain/checks/renderCheckQuery';
import { queryTimespan } from '../../../src/domain/checks/checkQuery';
import type { CheckSpec } from '../../../src/domain/checks/checkSpec';
import type { CheckOutcome } from '../../../src/domain/checks/checkEvaluation';
import { parseGatePolicies } from '../../support/parseGatePolicies';
import type { ConfigIssue } from '../../../src/domain/gates/configIssue';
import { fakeTelemetry, segment } from '../../emulator/logs/fakeTelemetry';
import { post } from '../../emulator/logs/logsHarness';

const MIN = 60_000;
/** The measurement time of every catalogue row; the upgrade ran 20 minutes and ended before it. */
export const NOW = Date.parse('2026-11-21T12:00:00Z');
const NEW_IMAGE = 'AKSUbuntu-2204gen2containerd-202611.14.0';

/** A healthy app with Istio-style injection (init container + native sidecar), a database and a finished Job. */
export const WORKLOADS: readonly TelemetryWorkload[] = [
  { namespace: 'shop', controllerName: 'web', controllerKind: 'ReplicaSet', replicas: 3, initContainers: ['istio-init'], sidecars: ['istio-proxy'] },
  { namespace: 'shop', controllerName: 'db', controllerKind: 'StatefulSet', replicas: 2 },
  { namespace: 'shop', controllerName: 'migrate', controllerKind: 'Job', replicas: 1 },
];

export type Verdict = CheckOutcome | 'ConfigError';

export interface Measured {
  readonly verdicts: Record<string, Verdict>;
  readonly values: Record<string, number | null>;
}

export interface CatalogueRow {
  readonly preset: CollectionPreset;
  /** Health from the end of the upgrade on. */
  readonly after: Partial<ClusterHealth>;
  /** Health while the upgrade runs (a condition that begins before the upgrade's end). */
  readonly during?: Partial<ClusterHealth>;
  /** Minutes between the end of the upgrade and the measurement. */
  readonly minutesAfterUpgrade: number;
  /** False: the window is not cut at the end of the upgrade (a gate without a known upgrade time). */
  readonly cutAtUpgrade: boolean;
}

/** The built-in checks as a policy would declare them for this preset (defaults from the preset). */
export function builtInChecks(preset: CollectionPreset): { specs: CheckSpec[]; issues: ConfigIssue[] } {
  const collection = { preset, ingestionDelayMinutes: 3 };
  const raw: Record<string, unknown>[] = [
    { type: 'nodes-ready' },
    { type: 'pods-healthy' },
    { type: 'pods-pending' },
    { type: 'critical-workloads', workloads: [{ namespace: 'shop' }, { namespace: 'shop', controller: 'web' }, { namespace: 'kube-system', controller: 'coredns' }] },
    { type: 'metrics-flowing' },
    { type: 'pvc-bound' },
    { type: 'restarts' },
  ];
  // Each check parsed as the one check of a policy of the preset (the preset sets the lookbacks), so a check refused
  // under the preset reads ConfigError while the others still run; issues are located as `checks[i]…`.
  const specs: CheckSpec[] = [];
  const issues: ConfigIssue[] = [];
  raw.forEach((item, index) => {
    const result = parseGatePolicies([{ id: 'catalogue', analysis: { collectionPreset: preset, ingestionDelayMinutes: collection.ingestionDelayMinutes }, checks: [item] }], 'policy');
    if (result.ok) specs.push(...(result.value[0]?.checks ?? []));
    else issues.push(...result.issues.map((issue) => ({ ...issue, path: issue.path.replace('policy[0].checks[0]', `checks[${index}]`) })));
  });
  return { specs, issues };
}

/**
 * Runs every built-in check once against one emulated cluster that upgraded 1.33.2 → 1.34.1 (3 nodes, 20 minutes)
 * (with `during` health, healthy by default) and then has `after` health, with the emulator's default seeded ingestion delay (20 s – 3 min). A check whose
 * policy entry is refused at config load reads `ConfigError`.
 */
export async function measure(row: CatalogueRow): Promise<Measured> {
  const upgradeEnd = NOW - row.minutesAfterUpgrade * MIN;
  const upgradeStart = upgradeEnd - 20 * MIN;
  const preset = { collectionPreset: row.preset };
  const cluster: TelemetryCluster = {
    resourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop/providers/Microsoft.ContainerService/managedClusters/aks-shop',
    name: 'aks-shop', location: 'westeurope', nodeCount: 3, workloads: WORKLOADS, pvcCount: 2,
  };
  const source = fakeTelemetry({ ws1: [cluster] }, {
    'aks-shop': [
      segment(upgradeStart - 24 * 60 * MIN, preset),
      segment(upgradeStart, { ...preset, ...row.during }, { upgrading: true, kubernetesVersion: '1.34.1', nodeImageVersion: NEW_IMAGE }),
      segment(upgradeEnd, { ...preset, ...row.after }, { kubernetesVersion: '1.34.1', nodeImageVersion: NEW_IMAGE }),
    ],
  }, NOW);
  const { specs, issues } = builtInChecks(row.preset);
  const verdicts: Record<string, Verdict> = {};
  const values: Record<string, number | null> = {};
  for (const issue of issues) verdicts[issue.path.startsWith('checks[3]') ? 'critical-workloads' : issue.path] = 'ConfigError';
  const nowIso = new Date(NOW).toISOString();
  for (const spec of specs) {
    const query = renderCheckQuery(spec, [cluster.resourceId], nowIso, row.cutAtUpgrade ? new Date(upgradeEnd).toISOString() : undefined);
    // The request's timespan as the Log Analytics adapter sends it (scan start to window end).
    const timespan = queryTimespan(query);
    const res = await post(source, { query: query.text, timespan: `${timespan.start}/${timespan.end}` }, { ingestionDelay: { minSeconds: 20, maxSeconds: 180, seed: 'catalogue' } });
    if (res.status !== 200) throw new Error(`${spec.name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const table = (res.body as { tables: { columns: { name: string; type: string }[]; rows: unknown[][] }[] }).tables[0]!;
    const evaluation = evaluateCheck({ spec, clusters: [cluster.resourceId], query, result: table, defaults: { noDataPolicy: 'inconclusive', dryRun: false } });
    verdicts[spec.name] = evaluation.outcome;
    values[spec.name] = evaluation.perCluster[0]?.value ?? null;
  }
  return { verdicts, values };
}
