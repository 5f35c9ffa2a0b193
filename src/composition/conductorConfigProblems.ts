import { ConductorConfigError, loadConductorConfigFile } from '../adapters/config/loadConductorConfigFile';

/** Problems of the Conductor configuration file (config-as-code), one line each with its path; empty when valid. */
export function conductorConfigProblems(file: string): readonly string[] {
  try {
    loadConductorConfigFile(file);
    return [];
  } catch (error) {
    if (!(error instanceof ConductorConfigError)) throw error;
    return error.issues.map((i) => `${file} ${i.path}: ${i.message}`);
  }
}
