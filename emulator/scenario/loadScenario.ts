import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from './parseScenario';
import { ScenarioError } from './scenarioError';
import type { Scenario } from './scenarioTypes';

/** The repository root: the nearest ancestor holding package.json (works from emulator/ and dist/emulator/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'scenarios'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function resolveScenarioFile(ref: string): string {
  const candidates = [ref, ...['.yaml', '.yml', '.json'].map((ext) => path.join(repoRoot(), 'scenarios', `${ref}${ext}`))];
  const found = candidates.find((c) => existsSync(c) && !c.endsWith(path.sep));
  if (!found || !/\.(ya?ml|json)$/i.test(found)) {
    throw new ScenarioError(`scenario '${ref}' not found (looked for a path and for scenarios/${ref}.yaml|.yml|.json)`);
  }
  return found;
}

/** Loads a scenario by name (under scenarios/), by path, or from an already parsed object. */
export function loadScenario(ref: string | object): Scenario {
  if (typeof ref !== 'string') return parseScenario(ref);
  const file = resolveScenarioFile(ref);
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(`scenario ${file}: cannot parse: ${(error as Error).message}`);
  }
  return parseScenario(doc);
}
