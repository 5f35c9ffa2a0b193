/**
 * A Fleet approval gate (`fleets/gates`, 2025-04-01-preview+) as the FleetApi port returns it: adapters map the ARM
 * JSON onto it, and the gate domain reads it as is (gateIdentityFromGate). Defined here because the domain may import
 * nothing outside itself; `src/ports/fleet.ts` re-exports it.
 */
export interface FleetGate {
  /** Fleet ARM id the gate belongs to. */
  readonly fleetId: string;
  /** The gate's name: a lowercase GUID. */
  readonly gateId: string;
  readonly displayName: string;
  readonly gateType: string;
  /** NotStarted | Pending | Completed | Skipped (docs/azure-apis.md §2.6). */
  readonly state: string;
  readonly runName: string;
  readonly stage: string;
  readonly group?: string;
  readonly timing: 'Before' | 'After';
}
