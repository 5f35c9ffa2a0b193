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
