import { describe, expect, it } from 'vitest';
import { approvalLinks } from '../../../../src/domain/approvals/approvalLinks';
import { utf8Length } from '../../../../src/domain/approvals/base64Url';
import { MAX_TEAMS_MESSAGE_BYTES, buildApprovalCard, type ApprovalCardInput } from '../../../../src/domain/approvals/buildApprovalCard';
import { cardText } from '../../../../src/domain/approvals/cardText';
import { clusterCheckSummary, type ClusterCheckSummary } from '../../../../src/domain/approvals/clusterCheckSummary';
import { MAX_WEBHOOK_CLUSTERS, buildApprovalWebhookMessage } from '../../../../src/domain/approvals/buildApprovalWebhookMessage';
import type { CheckEvaluation, CheckOutcome } from '../../../../src/domain/checks/checkEvaluation';
import { GATE, T0, at } from './approvalBuilders';

const LINKS = approvalLinks('https://conductor.contoso.com/', 'eyJ2IjoxfQ.c2ln');
const EVIDENCE = 'https://conductor.contoso.com/api/runs/fleet-1/k8s-1-33-4';
const INPUT: ApprovalCardInput = {
  fleetName: 'fleet-1',
  runName: 'k8s-1-33-4',
  stage: 'canary',
  group: 'eu',
  targetVersion: '1.33.4',
  policyId: 'prod-health',
  quorum: 2,
  expiresAt: at(3_600),
  checkSummary: ['nodes-ready: Successful (1/1 measurements)'],
  clusters: [{ cluster: 'aks-a', verdict: 'Successful', value: 'nodes-ready=0' }],
  links: { approve: LINKS.approve, reject: LINKS.reject, evidence: EVIDENCE },
};

function manyClusters(count: number): ClusterCheckSummary[] {
  return Array.from({ length: count }, (_, index) => ({
    cluster: `aks-prod-westeurope-${String(index).padStart(4, '0')}`,
    verdict: 'Successful',
    value: 'nodes-ready=0, pods-healthy=0, restarts=2',
  }));
}

function body(message: ReturnType<typeof buildApprovalCard>) {
  return message.attachments[0].content.body;
}

describe('buildApprovalCard', () => {
  it('builds the Teams Workflows message: one Adaptive Card 1.4 with facts, checks, clusters and three OpenUrl actions', () => {
    expect(buildApprovalCard(INPUT)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, text: 'Approval needed: prod-health' },
              { type: 'TextBlock', isSubtle: true, wrap: true, spacing: 'None', text: 'fleet-1 · k8s-1-33-4 · canary / eu' },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Fleet', value: 'fleet-1' },
                  { title: 'Run', value: 'k8s-1-33-4' },
                  { title: 'Stage / group', value: 'canary / eu' },
                  { title: 'Target version', value: '1.33.4' },
                  { title: 'Approvals needed', value: '2' },
                  { title: 'Expires (UTC)', value: '2026-11-21 18:00:00' },
                ],
              },
              { type: 'TextBlock', weight: 'Bolder', wrap: true, text: 'Checks' },
              { type: 'TextBlock', wrap: true, spacing: 'None', text: 'nodes-ready: Successful (1/1 measurements)' },
              { type: 'TextBlock', weight: 'Bolder', wrap: true, text: 'Clusters (1)' },
              { type: 'FactSet', facts: [{ title: 'aks-a', value: 'Successful · nodes-ready=0' }] },
              { type: 'TextBlock', wrap: true, isSubtle: true, size: 'Small', text: 'You sign in on the approval page; your decision is recorded with your identity and the evidence shown.' },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'Approve', style: 'positive', url: 'https://conductor.contoso.com/api/approvals/eyJ2IjoxfQ.c2ln?decision=approve' },
              { type: 'Action.OpenUrl', title: 'Reject', style: 'destructive', url: 'https://conductor.contoso.com/api/approvals/eyJ2IjoxfQ.c2ln?decision=reject' },
              { type: 'Action.OpenUrl', title: 'View evidence', url: EVIDENCE },
            ],
          },
        },
      ],
    });
  });

  it('shows "Stage" alone for a stage gate', () => {
    const { group: _group, ...stageGate } = INPUT;

    expect(body(buildApprovalCard(stageGate))[2]).toMatchObject({ facts: expect.arrayContaining([{ title: 'Stage', value: 'canary' }]) });
  });

  it.each([10, 100, 1_000])('stays within 28 KB with %i clusters, cutting the list with a count of the rest', (count) => {
    const message = buildApprovalCard({ ...INPUT, clusters: manyClusters(count) });
    const size = utf8Length(JSON.stringify(message));
    const facts = (body(message)[6] as { facts: unknown[] }).facts;
    const hidden = count - facts.length;

    expect(size).toBeLessThanOrEqual(MAX_TEAMS_MESSAGE_BYTES);
    expect(body(message)[7]).toEqual(
      hidden === 0
        ? expect.objectContaining({ size: 'Small' })
        : { type: 'TextBlock', wrap: true, isSubtle: true, text: `…and ${hidden} more clusters (see evidence)` },
    );
    if (hidden > 0) {
      // As many as fit: within one cluster row (~100 bytes) of the limit.
      expect(size).toBeGreaterThan(MAX_TEAMS_MESSAGE_BYTES - 120);
      expect(facts.length).toBeGreaterThan(200);
    }
  });

  it('keeps multi-byte names within the byte limit too', () => {
    const wide = manyClusters(1_000).map((row) => ({ ...row, cluster: `クラスター-${row.cluster}` }));

    expect(utf8Length(JSON.stringify(buildApprovalCard({ ...INPUT, clusters: wide })))).toBeLessThanOrEqual(MAX_TEAMS_MESSAGE_BYTES);
  });

  it('does not HTML-escape, but strips control characters and caps lengths', () => {
    const hostile: ApprovalCardInput = {
      ...INPUT,
      policyId: 'a<b>&"c"\u0000\u001b[31m',
      clusters: [{ cluster: `line\nbreak\u2028${'x'.repeat(300)}`, verdict: 'Failed', value: '<script>alert(1)</script>' }],
      links: { ...INPUT.links, evidence: 'https://e.example/x\r\ny' },
    };

    const message = buildApprovalCard(hostile);

    expect(body(message)[0]).toMatchObject({ text: 'Approval needed: a<b>&"c" [31m' });
    expect(body(message)[6]).toEqual({ type: 'FactSet', facts: [{ title: `line break ${'x'.repeat(88)}…`, value: 'Failed · <script>alert(1)</script>' }] });
    expect(message.attachments[0].content.actions[2]).toMatchObject({ url: 'https://e.example/xy' });
    expect(JSON.stringify(message)).not.toMatch(/&lt;|&amp;|\\u0000|\\n/);
  });
});

describe('cardText', () => {
  it.each([
    { input: 'plain', max: 10, output: 'plain' },
    { input: ' a \t\n b ', max: 10, output: 'a b' },
    { input: 'abcdef', max: 4, output: 'abc…' },
    { input: '🚀🚀🚀', max: 2, output: '🚀…' },
  ])('$input → $output', ({ input, max, output }) => {
    expect(cardText(input, max)).toBe(output);
  });
});

describe('clusterCheckSummary', () => {
  const evaluation = (checkName: string, dryRun: boolean, verdicts: readonly [string, CheckOutcome, number | null][]): CheckEvaluation => ({
    checkName,
    checkType: 'nodes-ready',
    dryRun,
    outcome: 'Successful',
    reason: 'AllClustersPassed',
    message: '',
    comparator: '<=',
    threshold: 0,
    perCluster: verdicts.map(([cluster, outcome, value]) => ({ clusterId: `/subscriptions/s/managedClusters/${cluster}`, outcome, value, reason: 'ThresholdMet' })),
    evidence: { query: '', window: { start: T0, end: T0 }, columns: [], rows: [], truncatedRows: 0 },
  });

  it('gives each cluster its worst gating verdict and every value, worst clusters first', () => {
    const rows = clusterCheckSummary([
      evaluation('nodes-ready', false, [['aks-b', 'Successful', 0], ['aks-a', 'Successful', 0], ['aks-c', 'Inconclusive', null]]),
      evaluation('pods-healthy', false, [['aks-b', 'Failed', 3], ['aks-a', 'Successful', 0], ['aks-c', 'Successful', 0]]),
      evaluation('restarts', true, [['aks-a', 'Failed', 40]]),
    ]);

    expect(rows).toEqual([
      { cluster: 'aks-b', verdict: 'Failed', value: 'nodes-ready=0, pods-healthy=3' },
      { cluster: 'aks-c', verdict: 'Inconclusive', value: 'nodes-ready=n/a, pods-healthy=0' },
      { cluster: 'aks-a', verdict: 'Successful', value: 'nodes-ready=0, pods-healthy=0, restarts=40' },
    ]);
  });
});

describe('approvalLinks', () => {
  it('puts the token in the landing page path, with a preselected decision', () => {
    expect(approvalLinks('https://c.example//', 'p.s')).toEqual({
      page: 'https://c.example/api/approvals/p.s',
      approve: 'https://c.example/api/approvals/p.s?decision=approve',
      reject: 'https://c.example/api/approvals/p.s?decision=reject',
    });
  });
});

describe('buildApprovalWebhookMessage', () => {
  it('builds the documented schema, capping the cluster list', () => {
    const message = buildApprovalWebhookMessage({
      requestId: 'req-1',
      idempotencyKey: 'gate/v3/1/webhook',
      gate: GATE,
      fleetName: 'fleet-1',
      stage: 'canary',
      targetVersion: '1.33.4',
      policyId: 'prod-health',
      quorum: 1,
      requestedAt: T0,
      expiresAt: at(3_600),
      evidenceVersion: 7,
      checks: ['nodes-ready: Successful\u0007'],
      clusters: manyClusters(MAX_WEBHOOK_CLUSTERS + 3),
      links: { approve: LINKS.approve, reject: LINKS.reject, evidence: EVIDENCE },
      callback: { url: 'https://conductor.contoso.com/api/approvals/callback' },
    });

    expect({ ...message, clusters: message.clusters.length }).toEqual({
      schema: 'fleet-conductor/approval-request@1',
      kind: 'approvalRequested',
      requestId: 'req-1',
      idempotencyKey: 'gate/v3/1/webhook',
      gate: GATE,
      fleetName: 'fleet-1',
      stage: 'canary',
      targetVersion: '1.33.4',
      policyId: 'prod-health',
      quorum: 1,
      requestedAt: T0,
      expiresAt: at(3_600),
      evidenceVersion: 7,
      checks: ['nodes-ready: Successful'],
      clusters: MAX_WEBHOOK_CLUSTERS,
      clustersOmitted: 3,
      links: { approve: LINKS.approve, reject: LINKS.reject, evidence: EVIDENCE },
      callback: { url: 'https://conductor.contoso.com/api/approvals/callback' },
    });
  });
});
