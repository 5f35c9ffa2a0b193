/** Names of the gate phases (see GatePhase in gateState.ts for what each carries). */
export type GatePhaseName =
  | 'Observed'
  | 'Soaking'
  | 'Checking'
  | 'AwaitingApproval'
  | 'Approving'
  | 'Passed'
  | 'Failed'
  | 'Rejected'
  | 'Expired'
  | 'Inconclusive'
  | 'Bypassed'
  | 'Cancelled';

/** Phases in which Conductor no longer measures or asks anything (only confirmations and retries happen). */
export const SETTLED_PHASES: readonly GatePhaseName[] = ['Passed', 'Failed', 'Rejected', 'Expired', 'Inconclusive', 'Bypassed', 'Cancelled'];
