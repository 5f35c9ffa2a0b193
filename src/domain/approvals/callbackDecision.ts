import { z } from 'zod';
import { text } from '../schemas/text';
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

/**
 * The callback body, strictly: unknown keys, missing or mistyped fields, control characters and over-long values are
 * all refused. Gate names are GUIDs and fleet ids ARM ids, checked here before the ids reach a store or a URL. The
 * object id is optional here because recordDecision refuses and audits its absence (one person is one approver).
 */
export const callbackDecisionSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(ID),
  requestId: text({ max: 200 }),
  gate: z.strictObject({ fleetId: text({ max: 500, pattern: FLEET_ID }), runName: text({ max: 200 }), gateId: text({ max: 100, pattern: GUID }) }),
  decision: z.enum(['approve', 'reject']),
  approver: z.strictObject({
    name: text({ max: 256 }),
    objectId: text({ max: 64 }).optional(),
    groups: z.array(text({ max: 64 })).max(200).default([]),
    roles: z.array(text({ max: 120 })).max(50).optional(),
  }),
  comment: text({ max: 2_000 }).optional(),
  evidenceVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Strictly parses a callback body; undefined when anything is missing, mistyped, unknown or too long. */
export function parseCallbackDecision(body: string): CallbackDecision | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = callbackDecisionSchema.safeParse(value);
  return result.success ? result.data : undefined;
}
