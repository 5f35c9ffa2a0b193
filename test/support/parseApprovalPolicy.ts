import type { ConfigResult } from '../../src/domain/gates/configIssue';
import { parseWithSchema } from '../../src/domain/schemas/parseWithSchema';
import type { ApprovalPolicy } from '../../src/domain/approvals/approvalPolicy';
import { approvalPolicySchema } from '../../src/domain/approvals/approvalPolicySchema';

/**
 * Test helper: production parses this section inside conductorConfigSchema; tests check the section on its own.
 * Parses an `approval` section (already YAML-decoded) into a typed policy, filling defaults. Reports ALL issues
 * at once with their paths (`gatePolicies[0].approval.approvers.users[1]: must match a user principal name`).
 */
export function parseApprovalPolicy(value: unknown, path = 'approval'): ConfigResult<ApprovalPolicy> {
  return parseWithSchema(approvalPolicySchema, value, path);
}
