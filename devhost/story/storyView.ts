/**
 * The parts of `GET /api/runs/{fleet}/{run}` the story reads. Declared here (not imported from src/) because the
 * story is a client of the app's HTTP API, like any operator tool: it must hold against what the API serves.
 */
export interface StoryStatus {
  readonly state: string;
  readonly startTime?: string;
  readonly completedTime?: string;
}
export interface StoryMember extends StoryStatus {
  readonly name: string;
}
export interface StoryGateEntry extends StoryStatus {
  readonly displayName: string;
  readonly gateId?: string;
}
export interface StoryGroup extends StoryStatus {
  readonly name: string;
  readonly members: readonly StoryMember[];
  readonly gates: readonly StoryGateEntry[];
}
export interface StoryStage extends StoryStatus {
  readonly name: string;
  readonly groups: readonly StoryGroup[];
  readonly gates: readonly StoryGateEntry[];
}
export interface StoryCheck {
  readonly name: string;
  readonly phase: string;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly errors: number;
}
export interface StoryEvidence {
  readonly measurement: number;
  readonly at: string;
  readonly evaluations: readonly { readonly checkName: string; readonly outcome: string; readonly evidence: { readonly window: { readonly start: string; readonly end: string } } }[];
}
export interface StoryGate {
  readonly state: {
    readonly gate: { readonly gateId: string; readonly policyId: string; readonly stage: string; readonly group?: string };
    readonly phase: { readonly name: string; readonly at?: string; readonly until?: string; readonly measurement?: number };
    readonly checks: readonly StoryCheck[];
    readonly approval?: { readonly requestedAt: string; readonly granted?: { readonly at: string; readonly by?: string } };
    readonly history: readonly { readonly at: string; readonly from: string; readonly to: string; readonly reason: string }[];
    /** 2 and up once an operator re-armed the gate; earlier cycles are kept in previousAttempts. */
    readonly attempt?: number;
    readonly previousAttempts?: readonly { readonly attempt: number; readonly endedPhase: string; readonly rearmedBy: string }[];
  };
  readonly evidence: readonly StoryEvidence[];
}
export interface StoryRunDetail {
  readonly run: StoryStatus & { readonly runName: string; readonly fleetName: string; readonly target?: { readonly kind: string; readonly version: string }; readonly stages: readonly StoryStage[] };
  readonly gates: readonly StoryGate[];
  readonly events: readonly { readonly at: string; readonly kind: string; readonly actor?: string; readonly message?: string; readonly data?: Readonly<Record<string, unknown>> }[];
}

/** The gate Conductor ran after a stage (or group), if the run reached it. */
export function gateAfter(detail: StoryRunDetail, stage: string): StoryGate | undefined {
  return detail.gates.find((g) => g.state.gate.stage === stage);
}

export function members(detail: StoryRunDetail): readonly StoryMember[] {
  return detail.run.stages.flatMap((s) => s.groups.flatMap((g) => g.members));
}
