import type { GateDeps } from '../gates/gateDeps';
import type { ApprovalWiring } from './approvalWiring';

/**
 * What the approval use cases act through: the gate family's dependencies with approvals wired (a decision feeds the
 * gate that asked for it). Use cases that need less take a `Pick` of it.
 */
export type ApprovalDeps = GateDeps & { readonly approvals: ApprovalWiring };
