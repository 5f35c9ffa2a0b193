import type { ApprovalLedger } from './approvalLedger';

/**
 * The exact text a ledger's seal (a keyed MAC) is computed over: a version tag and the ledger's JSON with object keys
 * sorted at every level, so the same content always gives the same text whichever order it was built or stored in.
 * The seal itself is not part of it.
 */
export function ledgerSealInput(ledger: ApprovalLedger): string {
  const { seal: _seal, ...content } = ledger;
  return `approval-ledger|v1|${canonicalJson(content)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
