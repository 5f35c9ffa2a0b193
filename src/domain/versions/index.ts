/** Public API of the version policy domain (issue 6): import from here, not from the files. */
export { autoUpgradeWarnings } from './autoUpgradeWarnings';
export { matchBlocklist } from './blocklist';
export { channelCandidates, type ChannelCandidates } from './channelCandidates';
export { evaluateRelease } from './evaluateRelease';
export * from './fleetFacts';
export * from './kubernetesVersion';
export * from './nodeImageVersion';
export { planMembers, type MemberPlan, type PlannedMember, type PlanOptions } from './planMembers';
export { evaluatePolicyWindows, validateWindows, type WindowStatus } from './policyWindow';
export type { Reason } from './reasons';
export type { ReleaseDecision, ReleaseInput } from './releaseDecision';
export { runNameFor, toResourceName } from './runName';
export { validateVersionPolicy } from './validateVersionPolicy';
export * from './versionPolicy';
