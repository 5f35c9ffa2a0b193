import type { ConfigResult } from '../gates/configIssue';
import { parseWithSchema } from '../schemas/parseWithSchema';
import type { ConductorConfig } from './conductorConfig';
import { conductorConfigSchema } from './conductorConfigSchema';

/**
 * Parses config-as-code (already decoded from YAML or JSON): `fleets`, `strategies` and `gatePolicies`.
 * Every problem is reported at once with its path; references (a fleet's strategy, a gate's policy, duplicate
 * groups) are checked across sections.
 */
export function parseConductorConfig(value: unknown): ConfigResult<ConductorConfig> {
  return parseWithSchema(conductorConfigSchema, value);
}
