import { ConductorConfigError, loadConductorConfigFile } from '../adapters/config/loadConductorConfigFile';

/**
 * Problems of the Conductor configuration file (config-as-code), one line each with its path; empty when valid. With
 * the Fleet api-version, fields it cannot carry (maxConcurrency before 2026-02-01-preview) are problems too.
 */
export function conductorConfigProblems(file: string, options: { readonly fleetApiVersion?: string } = {}): readonly string[] {
  try {
    loadConductorConfigFile(file, options);
    return [];
  } catch (error) {
    if (!(error instanceof ConductorConfigError)) throw error;
    return error.issues.map((i) => `${file} ${i.path}: ${i.message}`);
  }
}
