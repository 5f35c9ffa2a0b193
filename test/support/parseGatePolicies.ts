import { parseWithSchema } from '../../src/domain/schemas/parseWithSchema';
import type { ConfigResult } from '../../src/domain/gates/configIssue';
import type { GatePolicy } from '../../src/domain/gates/gatePolicy';
import { gatePoliciesSchema } from '../../src/domain/gates/gatePolicySchema';

/**
 * Test helper: production parses this section inside conductorConfigSchema; tests check the section on its own.
 * Parses the `gatePolicies` section of config-as-code (already YAML-decoded) into typed policies.
 * Reports ALL issues at once, each with its path (`gatePolicies[1].checks[0].threshold: expected a number`).
 * `path` is the section's location in the document, so a whole-config parser can embed this one.
 */
export function parseGatePolicies(value: unknown, path = 'gatePolicies'): ConfigResult<readonly GatePolicy[]> {
  return parseWithSchema(gatePoliciesSchema, value, path);
}
