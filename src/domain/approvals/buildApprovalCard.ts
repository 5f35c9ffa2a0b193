import { utf8Length } from './utf8Length';
import { cardText } from './cardText';
import type { ClusterCheckSummary } from './clusterCheckSummary';

/** Teams Workflows webhooks accept posts up to about 28 KB; the whole serialized message stays within this. */
export const MAX_TEAMS_MESSAGE_BYTES = 28_000;

export interface ApprovalCardInput {
  readonly fleetName: string;
  readonly runName: string;
  readonly stage: string;
  readonly group?: string;
  readonly targetVersion: string;
  readonly policyId: string;
  readonly quorum: number;
  readonly expiresAt: string;
  /** One line per check, e.g. `nodes-ready: Successful (2/2 measurements)`. */
  readonly checkSummary: readonly string[];
  readonly clusters: readonly ClusterCheckSummary[];
  /** Landing page URLs carrying the token (`…/api/approvals/{token}?decision=approve|reject`) and the evidence. */
  readonly links: { readonly approve: string; readonly reject: string; readonly evidence: string };
}

type Element = Readonly<Record<string, unknown>>;

/** The Teams Workflows message: one Adaptive Card 1.4 attachment. */
export interface TeamsApprovalMessage {
  readonly type: 'message';
  readonly attachments: readonly [
    {
      readonly contentType: 'application/vnd.microsoft.card.adaptive';
      readonly contentUrl: null;
      readonly content: {
        readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
        readonly type: 'AdaptiveCard';
        readonly version: '1.4';
        readonly body: readonly Element[];
        readonly actions: readonly Element[];
      };
    },
  ];
}

/**
 * Builds the Teams Workflows webhook message asking for approval: fleet, run, stage/group, target version, expiry,
 * the check summary and a per-cluster FactSet (cluster → verdict · values), with Action.OpenUrl buttons to approve,
 * reject (the landing page: the approver signs in there, so a forwarded card cannot approve as someone else) and
 * view evidence. When the message would exceed MAX_TEAMS_MESSAGE_BYTES the cluster list is cut (worst clusters come
 * first, see clusterCheckSummary) and ends with "…and N more clusters (see evidence)". Texts are plain (not
 * HTML-escaped), stripped of control characters and capped.
 */
export function buildApprovalCard(input: ApprovalCardInput): TeamsApprovalMessage {
  const fits = (shown: number): boolean => utf8Length(JSON.stringify(message(input, shown))) <= MAX_TEAMS_MESSAGE_BYTES;
  if (fits(input.clusters.length)) return message(input, input.clusters.length);
  let low = 0;
  let high = input.clusters.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return message(input, low);
}

function message(input: ApprovalCardInput, shown: number): TeamsApprovalMessage {
  const where = input.group === undefined ? input.stage : `${input.stage} / ${input.group}`;
  const facts = [
    ['Fleet', input.fleetName],
    ['Run', input.runName],
    [input.group === undefined ? 'Stage' : 'Stage / group', where],
    ['Target version', input.targetVersion],
    ['Approvals needed', String(input.quorum)],
    ['Expires (UTC)', input.expiresAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')],
  ];
  const hidden = input.clusters.length - shown;
  const body: Element[] = [
    { type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, text: cardText(`Approval needed: ${input.policyId}`, 150) },
    { type: 'TextBlock', isSubtle: true, wrap: true, spacing: 'None', text: cardText(`${input.fleetName} · ${input.runName} · ${where}`, 300) },
    { type: 'FactSet', facts: facts.map(([title = '', value = '']) => fact(title, value)) },
    { type: 'TextBlock', weight: 'Bolder', wrap: true, text: 'Checks' },
    ...input.checkSummary.slice(0, 20).map((line) => ({ type: 'TextBlock', wrap: true, spacing: 'None', text: cardText(line, 300) })),
    { type: 'TextBlock', weight: 'Bolder', wrap: true, text: `Clusters (${input.clusters.length})` },
    { type: 'FactSet', facts: input.clusters.slice(0, shown).map((row) => fact(row.cluster, `${row.verdict} · ${row.value}`)) },
    ...(hidden > 0 ? [{ type: 'TextBlock', wrap: true, isSubtle: true, text: `…and ${hidden} more clusters (see evidence)` }] : []),
    { type: 'TextBlock', wrap: true, isSubtle: true, size: 'Small', text: 'You sign in on the approval page; your decision is recorded with your identity and the evidence shown.' },
  ];
  const actions: Element[] = [
    { type: 'Action.OpenUrl', title: 'Approve', style: 'positive', url: link(input.links.approve) },
    { type: 'Action.OpenUrl', title: 'Reject', style: 'destructive', url: link(input.links.reject) },
    { type: 'Action.OpenUrl', title: 'View evidence', url: link(input.links.evidence) },
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions },
      },
    ],
  };
}

function fact(title: string, value: string): Element {
  return { title: cardText(title, 100), value: cardText(value, 200) };
}

/** URLs are never cut (a cut URL is a broken link); control characters are removed. */
function link(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
}
