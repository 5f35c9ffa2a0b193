import { POLICY_ID_MAX_LENGTH, POLICY_ID_PATTERN } from './gatePolicy';

/** Gates Conductor owns are named `conductor:<policy-id>` in the strategy (docs/design.md §3). */
export const GATE_DISPLAY_NAME_PREFIX = 'conductor:';

/**
 * Returns the policy id of a Conductor gate, or undefined for a foreign gate (another prefix, no displayName,
 * or an id that is not a valid policy id). Matching is exact: no trimming, no case folding.
 */
export function parseGateDisplayName(displayName: string | null | undefined): string | undefined {
  if (typeof displayName !== 'string' || !displayName.startsWith(GATE_DISPLAY_NAME_PREFIX)) return undefined;
  const policyId = displayName.slice(GATE_DISPLAY_NAME_PREFIX.length);
  if (policyId.length > POLICY_ID_MAX_LENGTH || !POLICY_ID_PATTERN.test(policyId)) return undefined;
  return policyId;
}

/** The displayName to put on a strategy gate for a policy. */
export function gateDisplayName(policyId: string): string {
  return `${GATE_DISPLAY_NAME_PREFIX}${policyId}`;
}
