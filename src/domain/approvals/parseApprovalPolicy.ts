import type { ConfigResult } from '../gates/configIssue';
import { parseWithSchema } from '../schemas/parseWithSchema';
import type { ApprovalPolicy } from './approvalPolicy';
import { approvalPolicySchema } from './approvalPolicySchema';

/**
 * Parses an `approval` section (already YAML-decoded) into a typed policy, filling defaults. Reports ALL issues
 * at once with their paths (`gatePolicies[0].approval.approvers.users[1]: must match a user principal name`).
 */
export function parseApprovalPolicy(value: unknown, path = 'approval'): ConfigResult<ApprovalPolicy> {
  return parseWithSchema(approvalPolicySchema, value, path);
}
