import { ConfigError, parseConfig } from '../config';
import { conductorConfigProblems } from './conductorConfigProblems';

/**
 * Every problem with the given settings and the Conductor configuration file they name, as lines a person can act
 * on; empty when both are valid. Lets a host refuse to start (and /api/health answer 503) instead of failing later.
 * Not in src/composition.ts: every function module imports that, and this needs the YAML parser (host start only).
 */
export function configurationProblems(settings: Readonly<Record<string, string | undefined>>): readonly string[] {
  const problems: string[] = [];
  let fleetApiVersion: string | undefined;
  try {
    fleetApiVersion = parseConfig(settings).azure.fleetApiVersion;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.issues.map((i) => `${i.setting}: ${i.problem}`));
  }
  // The file is checked against the settings' Fleet api-version when they parse (a field it cannot carry is named at its path).
  problems.push(...conductorConfigProblems(settings.CONDUCTOR_CONFIG_PATH?.trim() || 'conductor.yaml', fleetApiVersion === undefined ? {} : { fleetApiVersion }));
  return problems;
}
