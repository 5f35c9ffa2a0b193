import { clusterCheckSummary, type ClusterCheckSummary } from '../../domain/approvals/clusterCheckSummary';
import type { GateRef } from '../../domain/gates/gateIdentity';
import type { EvidenceStore, GateStore, Signer } from '../../ports';
import { checkLines } from './openApprovalRequest';

/** Clusters kept in an audit record (worst first); the full evidence stays in the evidence store. */
const AUDITED_CLUSTERS = 50;

/** The evidence an approver is shown: the gate state version, the check lines and the per-cluster verdicts (worst first). */
export interface EvidenceShown {
  readonly version: number | undefined;
  readonly checks: readonly string[];
  readonly clusters: readonly ClusterCheckSummary[];
}

/** Reads what the landing page shows for a gate (the latest measurement). */
export async function evidenceShown(deps: { readonly gates: GateStore; readonly evidence: EvidenceStore }, gate: GateRef): Promise<EvidenceShown> {
  const state = (await deps.gates.getGate(gate.fleetId, gate.gateId))?.state;
  const measurements = await deps.evidence.listEvidence(gate);
  const latest = [...measurements].sort((a, b) => b.measurement - a.measurement)[0];
  return { version: state?.version, checks: checkLines(state?.checks ?? []), clusters: clusterCheckSummary(latest?.evaluations ?? []) };
}

/**
 * The audit form of the evidence: a keyed digest of exactly what was shown (so a later dispute can be settled
 * against the evidence store) and the summary itself, capped.
 */
export function auditedEvidence(signer: Signer, shown: EvidenceShown): { readonly digest: string; readonly summary: Readonly<Record<string, unknown>> } {
  const digest = signer.tokenHmac(`evidence|v1|${JSON.stringify({ version: shown.version ?? null, checks: shown.checks, clusters: shown.clusters })}`);
  return {
    digest,
    summary: {
      version: shown.version ?? null,
      checks: shown.checks,
      clusters: shown.clusters.slice(0, AUDITED_CLUSTERS),
      clustersOmitted: Math.max(0, shown.clusters.length - AUDITED_CLUSTERS),
    },
  };
}
