import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ConductorConfig } from '../../domain/config/conductorConfig';
import { maxConcurrencyApiVersionIssues } from '../../domain/config/maxConcurrencyApiVersionIssues';
import { parseConductorConfig } from '../../domain/config/parseConductorConfig';
import type { ConfigIssue } from '../../domain/gates/configIssue';
import { checkCustomQueries } from '../kql/checkCustomQueries';

export class ConductorConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(`${file} is not a valid Conductor configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConductorConfigError';
  }
}

/**
 * Reads config-as-code (YAML, or JSON, which is YAML) and validates it, reporting every problem with its path. Given
 * the Fleet api-version the app calls with, fields that version cannot carry are problems too.
 */
export function loadConductorConfigFile(file: string, options: { readonly fleetApiVersion?: string } = {}): ConductorConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConductorConfigError(file, [{ path: '$', message: `cannot be read: ${(error as Error).message}` }]);
  }
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ConductorConfigError(file, [{ path: '$', message: `is not valid YAML: ${(error as Error).message}` }]);
  }
  const result = parseConductorConfig(document);
  if (!result.ok) throw new ConductorConfigError(file, result.issues);
  const queryIssues = checkCustomQueries(result.value);
  if (queryIssues.length > 0) throw new ConductorConfigError(file, queryIssues);
  const versionIssues = options.fleetApiVersion === undefined ? [] : maxConcurrencyApiVersionIssues(document, options.fleetApiVersion);
  if (versionIssues.length > 0) throw new ConductorConfigError(file, versionIssues);
  return result.value;
}
