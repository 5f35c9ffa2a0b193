import { createHmac } from 'node:crypto';
import type { ApprovalPolicy, ApprovalPrincipal } from '../../../../src/domain/approvals/approvalPolicy';
import { openApprovalLedger, type ApprovalLedger } from '../../../../src/domain/approvals/approvalLedger';
import { nodeTokenCodec } from '../../../../src/adapters/crypto/nodeTokenCodec';
import type { TokenSigner } from '../../../../src/domain/approvals/tokenCodec';

export const T0 = '2026-11-21T17:00:00.000Z';
export const FLEET = '/subscriptions/00000000-0000-0000-0000-000000000051/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
export const GATE_ID = '12345678-910a-bcde-f000-000000000000';
export const GATE = { fleetId: FLEET, runName: 'k8s-1-33-4', gateId: GATE_ID };
export const OPS_GROUP = 'aaaaaaaa-0000-4000-8000-000000000001';
export const ALICE_OID = 'a11ce000-0000-4000-8000-000000000001';

/** `T0 + seconds` as an ISO string. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

/** Test-only HMAC-SHA256 (the domain takes it as a function): base64url for tokens, hex for webhooks. */
/** A link-token signer on the real codec (Buffer, timingSafeEqual) that is also the bare HMAC function. */
export function hmacBase64Url(key: string): TokenSigner & ((data: string) => string) {
  return callableSigner((data) => createHmac('sha256', key).update(data, 'utf8').digest('base64url'));
}
/** The same for a callback channel secret (hex). */
export function hmacHex(key: string): TokenSigner & ((data: string) => string) {
  return callableSigner((data) => createHmac('sha256', key).update(data, 'utf8').digest('hex'));
}
function callableSigner(sign: (data: string) => string): TokenSigner & ((data: string) => string) {
  return Object.assign((data: string) => sign(data), { ...nodeTokenCodec, sign });
}

export function aPolicy(overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
  return {
    approvers: { users: ['alice@contoso.com', 'bob@contoso.com'], objectIds: [ALICE_OID], groups: [OPS_GROUP] },
    quorum: 1,
    expiresAfterMinutes: 60,
    onExpire: 'hold',
    onReject: 'stop',
    requireChecksFirst: true,
    channels: {},
    ...overrides,
  };
}

export function aLedger(policy: ApprovalPolicy = aPolicy()): ApprovalLedger {
  return openApprovalLedger({ requestId: 'req-1', gate: GATE, policy, requestedAt: T0, evidenceVersion: 7 });
}

export const ALICE: ApprovalPrincipal = { name: 'Alice@Contoso.com', objectId: ALICE_OID.toUpperCase(), groups: [] };
export const BOB_OID = 'b0b00000-0000-4000-8000-000000000002';
export const BOB: ApprovalPrincipal = { name: 'bob@contoso.com', objectId: BOB_OID, groups: [] };
export const CAROL_IN_OPS: ApprovalPrincipal = { name: 'carol@contoso.com', objectId: 'c0000000-0000-4000-8000-000000000003', groups: [OPS_GROUP] };
export const MALLORY: ApprovalPrincipal = { name: 'mallory@contoso.com', objectId: 'ba000000-0000-4000-8000-000000000666', groups: ['bbbbbbbb-0000-4000-8000-000000000002'] };
