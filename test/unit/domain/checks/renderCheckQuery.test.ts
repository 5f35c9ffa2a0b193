import { describe, expect, it } from 'vitest';
import type { CheckSpec } from '../../../../src/domain/checks/checkSpec';
import { UnsafeKqlValueError } from '../../../../src/domain/checks/kqlLiteral';
import { renderCheckQuery } from '../../../../src/domain/checks/renderCheckQuery';
import { queryTimespan } from '../../../../src/domain/checks/checkQuery';
import { ALL_CHECKS, CLUSTER_A, CLUSTER_B, NOW } from './checkFixtures';
import { lexKql } from './kqlLexer';

const PREAMBLE_5M = [
  `let clusters = dynamic(["${CLUSTER_A}", "${CLUSTER_B}"]);`,
  'let windowStart = datetime(2026-11-21T16:55:00.000Z);',
  'let windowEnd = datetime(2026-11-21T17:00:00.000Z);',
  'let scanStart = datetime(2026-11-20T16:55:00.000Z);',
].join('\n');

const MALICIOUS_VALUES = [
  'x"]); KubeNodeInventory | take 1 //',
  'x\\"]); print pwned = 1; let y = dynamic(["',
  '" or 1 == 1 or "',
  "' or true or '",
  'a\\',
];

function specOf(type: CheckSpec['type']): CheckSpec {
  const spec = ALL_CHECKS.find((candidate) => candidate.type === type);
  if (spec === undefined) throw new Error(`no fixture for ${type}`);
  return spec;
}

describe('renderCheckQuery', () => {
  it('renders nodes-ready as one batched query over the newest node snapshot in the window ending now', () => {
    const query = renderCheckQuery(specOf('nodes-ready'), [CLUSTER_A, CLUSTER_B], NOW);

    expect(query).toEqual({
      window: { start: '2026-11-21T16:55:00.000Z', end: NOW },
      scanStart: '2026-11-20T16:55:00.000Z',
      text: [
        PREAMBLE_5M,
        'let nodesRows = KubeNodeInventory',
        '| where TimeGenerated between (windowStart .. windowEnd)',
        '| where ClusterId in~ (clusters);',
        'let nodes = nodesRows',
        '| join kind=inner (nodesRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId',
        '| where TimeGenerated == Snapshot;',
        'nodes',
        '| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"',
        '| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId',
        '| project ClusterId, Value = NotReadyNodes, Nodes',
      ].join('\n'),
    });
  });

  it('renders pods-healthy with namespace filters inside countif so every reporting cluster keeps a row', () => {
    const query = renderCheckQuery(specOf('pods-healthy'), [CLUSTER_A, CLUSTER_B], NOW);

    expect(query.text).toBe(
      [
        PREAMBLE_5M,
        'let podsRows = KubePodInventory',
        '| where TimeGenerated between (windowStart .. windowEnd)',
        '| where ClusterId in~ (clusters);',
        'let pods = podsRows',
        '| join kind=inner (podsRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId',
        '| where TimeGenerated == Snapshot;',
        'pods',
        '| summarize Failing = countif(PodStatus in ("Failed", "Unknown") or (ContainerStatus == "waiting" and ContainerStatusReason in ("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError")) or (ContainerStatus == "terminated" and ContainerStatusReason != "Completed" and PodStatus == "Running")) by ClusterId, Namespace, Name, PodUid',
        '| summarize Pods = countif(Namespace in ("web") and Namespace !in ("batch")), FailingPods = countif((Namespace in ("web") and Namespace !in ("batch")) and Failing > 0) by ClusterId',
        '| project ClusterId, Value = FailingPods, Pods',
      ].join('\n'),
    );
  });

  it('renders critical-workloads with one union branch per workload and a ReplicaSet-hash match for controllers', () => {
    const query = renderCheckQuery(specOf('critical-workloads'), [CLUSTER_A, CLUSTER_B], NOW);

    expect(query.text).toBe(
      [
        PREAMBLE_5M,
        'let podsRows = KubePodInventory',
        '| where TimeGenerated between (windowStart .. windowEnd)',
        '| where ClusterId in~ (clusters);',
        'let pods = podsRows',
        '| join kind=inner (podsRows | summarize Snapshot = max(TimeGenerated) by ClusterId) on ClusterId',
        '| where TimeGenerated == Snapshot;',
        'let reporting = pods | distinct ClusterId | extend Workload = "";',
        'let workload0 = pods | where Namespace == "kube-system" and (ControllerName == "coredns" or (ControllerKind == "ReplicaSet" and ControllerName matches regex "^coredns-[bcdfghjklmnpqrstvwxz2456789]+$")) | extend Workload = "kube-system/coredns";',
        'let workload1 = pods | where Namespace == "ingress" | extend Workload = "ingress";',
        'union reporting, workload0, workload1',
        '| summarize Rows = countif(isnotempty(Workload)), Unready = countif(isnotempty(Workload) and not(PodStatus in ("Terminating", "Succeeded")) and (PodStatus != "Running" or ContainerStatus == "waiting" or isempty(ContainerStatus) or (ContainerStatus == "terminated" and ContainerStatusReason != "Completed"))) by ClusterId, Workload',
        '| summarize HealthyWorkloads = countif(isnotempty(Workload) and Rows > 0 and Unready == 0) by ClusterId',
        '| project ClusterId, Value = HealthyWorkloads, Required = 2',
      ].join('\n'),
    );
  });

  it('renders metrics-flowing as a row count per cluster over the listed tables', () => {
    const query = renderCheckQuery(specOf('metrics-flowing'), [CLUSTER_A], NOW);

    expect(query.text.split('\n').slice(4)).toEqual([
      'union KubeNodeInventory, KubePodInventory',
      '| where TimeGenerated between (windowStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| project ClusterId, Seen = TimeGenerated',
      '| summarize Value = count(), LastSeen = max(Seen) by ClusterId',
    ]);
  });

  it('renders metrics-flowing over KubeEvents by LastSeen in the window, scanning rows stamped back to scanStart', () => {
    const query = renderCheckQuery({ type: 'metrics-flowing', name: 'm', lookbackMinutes: 10, threshold: 1, tables: ['KubeNodeInventory', 'KubeEvents'] }, [CLUSTER_A], NOW);

    expect(query.text.split('\n').slice(4)).toEqual([
      'union (KubeNodeInventory',
      '| where TimeGenerated between (windowStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| project ClusterId, Seen = TimeGenerated), (KubeEvents',
      '| where TimeGenerated between (scanStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| where LastSeen between (windowStart .. windowEnd)',
      '| project ClusterId, Seen = LastSeen)',
      '| summarize Value = count(), LastSeen = max(Seen) by ClusterId',
    ]);
  });

  it('renders pvc-bound from claim provisioning Warnings and failed volumes, with node-reporting clusters as the base', () => {
    const query = renderCheckQuery(specOf('pvc-bound'), [CLUSTER_A], NOW);

    expect(queryTimespan(query)).toEqual({ start: '2026-11-20T16:50:00.000Z', end: NOW });
    expect(query.text.split('\n').slice(4)).toEqual([
      'let reporting = KubeNodeInventory',
      '| where TimeGenerated between (windowStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| distinct ClusterId',
      '| extend Claim = "", Volume = "";',
      'let volumes = KubePVInventory',
      '| where TimeGenerated between (windowStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| summarize arg_max(TimeGenerated, PVStatus, PVCName, PVCNamespace) by ClusterId, PVName',
      '| where PVCNamespace in ("data")',
      '| extend Claim = strcat(PVCNamespace, "/", PVCName);',
      'let boundClaims = volumes | where PVStatus == "Bound" | project ClusterId, Claim;',
      'let failedVolumes = volumes | where PVStatus == "Failed" | project ClusterId, Claim, Volume = PVName;',
      'let stuckClaims = KubeEvents',
      '| where TimeGenerated between (scanStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| where LastSeen between (windowStart .. windowEnd)',
      '| where ObjectKind == "PersistentVolumeClaim" and Reason in ("ProvisioningFailed", "FailedBinding")',
      '| where Namespace in ("data")',
      '| extend Claim = strcat(Namespace, "/", Name)',
      '| distinct ClusterId, Claim',
      '| join kind=leftanti boundClaims on ClusterId, Claim;',
      'let counted = volumes | project ClusterId, Volume = PVName;',
      'union reporting, counted, failedVolumes, stuckClaims',
      '| summarize Volumes = dcountif(Volume, isnotempty(Volume) and isempty(Claim)), Failing = dcountif(Claim, isnotempty(Claim)) by ClusterId',
      '| project ClusterId, Value = Failing, Volumes',
    ]);
  });

  it('renders restarts as ContainerRestartCount growth per container summed per cluster', () => {
    const query = renderCheckQuery(specOf('restarts'), [CLUSTER_A], NOW);

    expect(query.text.split('\n').slice(4)).toEqual([
      'KubePodInventory',
      '| where TimeGenerated between (windowStart .. windowEnd)',
      '| where ClusterId in~ (clusters)',
      '| summarize FirstRestarts = min(ContainerRestartCount), LastRestarts = max(ContainerRestartCount) by ClusterId, Namespace, ContainerName',
      '| extend Growth = iff(Namespace !in ("batch"), LastRestarts - FirstRestarts, 0)',
      '| summarize Value = sum(Growth), Containers = count() by ClusterId',
    ]);
  });

  it('renders a custom check as the contract preamble followed by the configured query', () => {
    const query = renderCheckQuery(specOf('custom'), [CLUSTER_A], NOW);

    expect(query).toEqual({
      window: { start: '2026-11-21T16:45:00.000Z', end: NOW },
      scanStart: '2026-11-20T16:45:00.000Z',
      text: [
        `let clusters = dynamic(["${CLUSTER_A}"]);`,
        'let windowStart = datetime(2026-11-21T16:45:00.000Z);',
        'let windowEnd = datetime(2026-11-21T17:00:00.000Z);',
        'let scanStart = datetime(2026-11-20T16:45:00.000Z);',
        'AppRequests | where ClusterId in~ (clusters) | summarize Value = countif(Success == false) by ClusterId',
      ].join('\n'),
    });
  });

  it.each(ALL_CHECKS.map((spec) => ({ type: spec.type, spec })))(
    'puts all clusters into the single clusters array of the $type query',
    ({ spec }) => {
      const many = Array.from({ length: 40 }, (_, index) => `${CLUSTER_A}-${index}`);
      const { literals, skeleton } = lexKql(renderCheckQuery(spec, many, NOW).text);

      expect(literals.slice(0, many.length)).toEqual(many);
      expect(skeleton.split('\n')[0]).toBe(`let clusters = dynamic([${many.map(() => 'S').join(', ')}]);`);
    },
  );

  it.each(ALL_CHECKS.map((spec) => ({ type: spec.type, spec })))(
    'keeps the $type query structure identical whatever the cluster ids contain',
    ({ spec }) => {
      const benign = lexKql(renderCheckQuery(spec, MALICIOUS_VALUES.map((_, index) => `c${index}`), NOW).text);
      const hostile = lexKql(renderCheckQuery(spec, MALICIOUS_VALUES, NOW).text);

      expect(hostile.skeleton).toBe(benign.skeleton);
      expect(hostile.literals.slice(0, MALICIOUS_VALUES.length)).toEqual(MALICIOUS_VALUES);
    },
  );

  it.each([
    { name: 'pods-healthy namespaces', spec: (v: string): CheckSpec => ({ type: 'pods-healthy', name: 'p', lookbackMinutes: 5, threshold: 0, namespaces: [v], excludeNamespaces: [v] }) },
    { name: 'pvc-bound namespaces', spec: (v: string): CheckSpec => ({ type: 'pvc-bound', name: 'p', lookbackMinutes: 5, threshold: 0, namespaces: [v] }) },
    { name: 'restarts namespaces', spec: (v: string): CheckSpec => ({ type: 'restarts', name: 'r', lookbackMinutes: 5, threshold: 0, namespaces: [v] }) },
    {
      name: 'critical-workloads namespace and controller',
      spec: (v: string): CheckSpec => ({ type: 'critical-workloads', name: 'c', lookbackMinutes: 5, workloads: [{ namespace: v, controller: v }, { namespace: v }] }),
    },
  ])('keeps the query structure identical whatever the $name contain (even past config validation)', ({ spec }) => {
    for (const value of MALICIOUS_VALUES) {
      const benign = lexKql(renderCheckQuery(spec('safe'), [CLUSTER_A], NOW).text);
      const hostile = lexKql(renderCheckQuery(spec(value), [CLUSTER_A], NOW).text);

      expect(hostile.skeleton).toBe(benign.skeleton);
      expect(hostile.literals).toContain(value);
    }
  });

  it.each(ALL_CHECKS.map((spec) => ({ type: spec.type, spec })))(
    'refuses to render the $type query for a cluster id with a line break',
    ({ spec }) => {
      expect(() => renderCheckQuery(spec, [CLUSTER_A, `${CLUSTER_B}\n| take 1`], NOW)).toThrow(UnsafeKqlValueError);
    },
  );
});

describe('measurement windows start no earlier than the end of the upgrade', () => {
  it('cuts the lookback at the time the gated clusters finished upgrading', () => {
    const query = renderCheckQuery(specOf('nodes-ready'), [CLUSTER_A], NOW, '2026-11-21T16:58:30.000Z');
    expect(query.window).toEqual({ start: '2026-11-21T16:58:30.000Z', end: NOW });
    expect(query.text).toContain('let windowStart = datetime(2026-11-21T16:58:30.000Z);');
  });

  it('keeps the whole lookback when the upgrade finished before it', () => {
    expect(renderCheckQuery(specOf('nodes-ready'), [CLUSTER_A], NOW, '2026-11-21T10:00:00.000Z').window.start).toBe('2026-11-21T16:55:00.000Z');
  });

  it('an upgrade that finished after the measurement time leaves an empty window (no data, never a pass)', () => {
    expect(renderCheckQuery(specOf('nodes-ready'), [CLUSTER_A], NOW, '2026-11-21T17:05:00.000Z').window).toEqual({ start: NOW, end: NOW });
  });

  it('renders pods-pending from the newest snapshot with the pending grace against the window end', () => {
    const query = renderCheckQuery({ type: 'pods-pending', name: 'pending', lookbackMinutes: 5, threshold: 0, pendingMinutes: 3 }, [CLUSTER_A], NOW);
    expect(query.text).toContain('countif(PodStatus == "Pending" and PodCreationTimeStamp <= windowEnd - 3 * 1m)');
    expect(query.text).toContain('| where TimeGenerated == Snapshot;');
  });
});
