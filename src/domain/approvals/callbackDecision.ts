import type { ApprovalPrincipal } from './approvalPolicy';
import type { ApprovalDecisionKind } from './approvalLedger';

/**
 * The body of `POST /api/approvals/callback` (schema in README.md): a decision made in another system (a change
 * board, ServiceNow, a ChatOps bot) on behalf of `approver`. Trusted because it is HMAC-signed with the channel's
 * secret; the approver must still be allowed by the policy, and counts once like any other.
 */
export interface CallbackDecision {
  readonly v: 1;
  /** Unique per decision (replay detection): 1-128 of `A-Z a-z 0-9 . _ : -`. */
  readonly id: string;
  /** The request being decided (from the outgoing message). */
  readonly requestId: string;
  readonly gate: { readonly fleetId: string; readonly runName: string; readonly gateId: string };
  readonly decision: ApprovalDecisionKind;
  readonly approver: ApprovalPrincipal;
  readonly comment?: string;
  /** The evidence version the approver saw (from the outgoing message). */
  readonly evidenceVersion?: number;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FLEET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.ContainerService\/fleets\/[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/i;
const KEYS = ['v', 'id', 'requestId', 'gate', 'decision', 'approver', 'comment', 'evidenceVersion'];

/** Strictly parses a callback body; undefined when anything is missing, mistyped, unknown or too long. */
export function parseCallbackDecision(body: string): CallbackDecision | undefined {
  const value = parse(body);
  if (!isRecord(value) || !Object.keys(value).every((key) => KEYS.includes(key))) return undefined;
  const { v, id, requestId, gate, decision, approver, comment, evidenceVersion } = value;
  if (v !== 1 || typeof id !== 'string' || !ID.test(id) || !isText(requestId, 200)) return undefined;
  if (decision !== 'approve' && decision !== 'reject') return undefined;
  if (comment !== undefined && !isText(comment, 2_000)) return undefined;
  if (evidenceVersion !== undefined && !(typeof evidenceVersion === 'number' && Number.isSafeInteger(evidenceVersion) && evidenceVersion >= 0)) return undefined;
  const ref = parseGate(gate);
  const principal = parseApprover(approver);
  if (ref === undefined || principal === undefined) return undefined;
  return {
    v: 1,
    id,
    requestId,
    gate: ref,
    decision,
    approver: principal,
    ...(comment === undefined ? {} : { comment }),
    ...(evidenceVersion === undefined ? {} : { evidenceVersion }),
  };
}

function parseGate(value: unknown): CallbackDecision['gate'] | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 3) return undefined;
  const { fleetId, runName, gateId } = value;
  // Gate names are GUIDs and fleet ids ARM ids: checked here, before the ids reach a store or a URL.
  return isText(fleetId, 500) && FLEET_ID.test(fleetId) && isText(runName, 200) && isText(gateId, 100) && GUID.test(gateId) ? { fleetId, runName, gateId } : undefined;
}

function parseApprover(value: unknown): ApprovalPrincipal | undefined {
  if (!isRecord(value) || !Object.keys(value).every((key) => ['name', 'objectId', 'groups', 'roles'].includes(key))) return undefined;
  const { name, objectId, groups = [], roles } = value;
  if (!isText(name, 256) || (objectId !== undefined && !isText(objectId, 64))) return undefined;
  if (!Array.isArray(groups) || groups.length > 200 || !groups.every((group) => isText(group, 64))) return undefined;
  if (roles !== undefined && !(Array.isArray(roles) && roles.length <= 50 && roles.every((role) => isText(role, 120)))) return undefined;
  // The object id is required by recordDecision (one person is one approver), which refuses and audits its absence.
  return { name, ...(objectId === undefined ? {} : { objectId }), groups, ...(roles === undefined ? {} : { roles }) };
}

function isText(value: unknown, max: number): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= max && !/[\u0000-\u001f\u007f]/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
