import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFRA, bicepSources, readInfra, type BicepFile } from './support/bicep';

/** Problems between main.parameters.json and main.bicep's parameters. */
function parameterFileProblems(parametersJson: string, main: BicepFile): string[] {
  const problems: string[] = [];
  const file = JSON.parse(parametersJson) as { parameters: Record<string, { value?: unknown }> };
  for (const [name, entry] of Object.entries(file.parameters)) {
    const param = main.params.get(name);
    if (!param) {
      problems.push(`main.parameters.json sets "${name}", which main.bicep does not declare`);
      continue;
    }
    const value = entry.value;
    if (typeof value !== 'string' || !/^\$\{[A-Z][A-Z0-9_]*(=[^}]*)?\}$/.test(value)) {
      problems.push(`"${name}" should be one azd environment variable ("\${NAME}" or "\${NAME=default}"), got ${JSON.stringify(value)}`);
    }
    // azd substitutes strings: a non-string parameter would receive "" when the variable is unset.
    if (param.type !== 'string') problems.push(`"${name}" is ${param.type} in main.bicep, but azd passes environment variables as strings`);
  }
  for (const param of main.params.values()) {
    if (!param.hasDefault && !(param.name in file.parameters)) problems.push(`main.bicep requires "${param.name}", which main.parameters.json does not set`);
  }
  return problems;
}

/** Problems between each local module call's arguments and the called file's parameters. */
function moduleCallProblems(files: ReadonlyMap<string, BicepFile>): string[] {
  const problems: string[] = [];
  for (const file of files.values()) {
    for (const call of file.modules) {
      if (call.path.startsWith('br/') || call.path.startsWith('br:')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), call.path));
      const callee = files.get(target);
      if (!callee) {
        problems.push(`${file.path}: module ${call.symbol} calls ${call.path}, which does not exist`);
        continue;
      }
      const args = call.body.get('params');
      const given = args?.kind === 'object' ? [...args.properties.keys()] : [];
      for (const name of given) if (!callee.params.has(name)) problems.push(`${file.path}: module ${call.symbol} passes "${name}", which ${target} does not declare`);
      for (const p of callee.params.values()) {
        if (!p.hasDefault && !given.includes(p.name)) problems.push(`${file.path}: module ${call.symbol} does not pass required "${p.name}" to ${target}`);
      }
    }
  }
  return problems;
}

describe('main.parameters.json and module calls match the Bicep they feed', () => {
  let files: Map<string, BicepFile>;
  const parametersJson = readFileSync(join(INFRA, 'main.parameters.json'), 'utf8');
  beforeAll(async () => {
    files = await readInfra();
  });

  it('every parameter in main.parameters.json exists in main.bicep, as a string fed by one azd variable, and every required one is set', () => {
    expect(parameterFileProblems(parametersJson, files.get('main.bicep')!)).toEqual([]);
  });

  it('every local module call passes only declared parameters and all required ones', () => {
    expect(moduleCallProblems(files)).toEqual([]);
  });

  it('negative controls: an unknown parameter, a missing required one and a misspelt module argument are reported', async () => {
    const json = JSON.parse(parametersJson);
    json.parameters.fleetz = { value: '${FLEETS}' };
    delete json.parameters.environmentName;
    expect(parameterFileProblems(JSON.stringify(json), files.get('main.bicep')!)).toEqual([
      'main.parameters.json sets "fleetz", which main.bicep does not declare',
      'main.bicep requires "environmentName", which main.parameters.json does not set',
    ]);

    const sources = bicepSources();
    sources.set('main.bicep', sources.get('main.bicep')!.replace('keyVaultName: keyVault.outputs.name\n    approvalTokenKeySecretName', 'keyVaultNam: keyVault.outputs.name\n    approvalTokenKeySecretName'));
    const problems = moduleCallProblems(await readInfra(sources));
    expect(problems).toContain('main.bicep: module api passes "keyVaultNam", which app/functionApp.bicep does not declare');
    expect(problems).toContain('main.bicep: module api does not pass required "keyVaultName" to app/functionApp.bicep');
  });
});
