import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFRA, bicepSources, outputReads, readInfra, type BicepFile, type BicepValue } from './support/bicep';

interface ParamSpec {
  readonly type: string;
  readonly required: boolean;
  readonly allowedValues?: readonly unknown[];
  readonly minValue?: number;
  readonly maxValue?: number;
}
interface ModuleSpec {
  readonly source: {
    readonly tag: string;
    readonly readFrom: string;
    readonly commit?: string;
    readonly evidence?: string;
    readonly versionGap?: string;
    readonly template?: { readonly bicepVersion: string; readonly templateHash: string };
  };
  readonly parameters: Record<string, ParamSpec>;
  readonly outputs: Record<string, string>;
}
interface Manifest {
  readonly modules: Record<string, ModuleSpec>;
}
interface Generator {
  describeTemplate: (template: unknown) => { parameters: Record<string, ParamSpec>; outputs: Record<string, string> };
  pinnedModules: (texts: string[]) => string[];
}

const manifest = JSON.parse(readFileSync(join(INFRA, 'avm/manifest.json'), 'utf8')) as Manifest;

function literalType(v: BicepValue): string | undefined {
  return v.kind === 'expression' ? undefined : v.kind;
}

function literalValue(v: BicepValue): string | number | boolean | undefined {
  return v.kind === 'string' || v.kind === 'int' || v.kind === 'bool' ? v.value : undefined;
}

/** Every AVM module call checked against the manifest: known and required parameters, literal types and values, outputs. */
function avmProblems(files: ReadonlyMap<string, BicepFile>, modules: Record<string, ModuleSpec>): string[] {
  const problems: string[] = [];
  for (const file of files.values()) {
    const reads = outputReads(file.tree.rootNode);
    for (const call of file.modules) {
      const m = /^br\/public:(avm\/[a-z0-9/-]+:\d+\.\d+\.\d+)$/.exec(call.path);
      if (!m) continue;
      const at = `${file.path}: ${call.symbol} (${m[1]})`;
      const spec = modules[m[1]!];
      if (!spec) {
        problems.push(`${at}: not in infra/avm/manifest.json (run node infra/avm/generateManifest.mjs)`);
        continue;
      }
      const args = call.body.get('params');
      const given = args?.kind === 'object' ? args.properties : new Map<string, BicepValue>();
      for (const [name, value] of given) {
        const p = spec.parameters[name];
        if (!p) {
          problems.push(`${at}: unknown parameter "${name}"`);
          continue;
        }
        const type = literalType(value);
        if (type !== undefined && type !== p.type && p.type !== 'any') problems.push(`${at}: "${name}" is ${p.type}, given a literal ${type}`);
        const literal = literalValue(value);
        if (literal !== undefined && p.allowedValues && !p.allowedValues.includes(literal)) problems.push(`${at}: "${name}" must be one of ${p.allowedValues.join(', ')}, given "${String(literal)}"`);
        if (typeof literal === 'number' && ((p.minValue !== undefined && literal < p.minValue) || (p.maxValue !== undefined && literal > p.maxValue))) problems.push(`${at}: "${name}" out of range`);
      }
      for (const [name, p] of Object.entries(spec.parameters)) if (p.required && !given.has(name)) problems.push(`${at}: required parameter "${name}" missing`);
      for (const [symbol, output] of reads) if (symbol === call.symbol && !(output in spec.outputs)) problems.push(`${at}: no output "${output}"`);
    }
  }
  return problems;
}

/** The manifest must describe the very version each call pins, and say where a template not read from its tag came from. */
function sourceProblems(modules: Record<string, ModuleSpec>): string[] {
  const problems: string[] = [];
  for (const [ref, { source }] of Object.entries(modules)) {
    if (source.tag !== ref.replace(':', '/')) problems.push(`${ref}: describes tag ${source.tag}`);
    if (source.versionGap !== undefined) problems.push(`${ref}: version gap "${source.versionGap}"`);
    if (source.readFrom === 'tag') continue;
    if (!/^[0-9a-f]{40}$/.test(source.commit ?? '') || source.readFrom !== `commit ${source.commit}`) problems.push(`${ref}: read from "${source.readFrom}" without the commit id`);
    if (!/\S/.test(source.evidence ?? '')) problems.push(`${ref}: read from a commit without the evidence that it is the tag's template`);
    // The template's own hash is what lets someone with GitHub check the copy against the tag.
    if (!/^\d+$/.test(source.template?.templateHash ?? '')) problems.push(`${ref}: read from a commit without the template's templateHash`);
  }
  return problems;
}

describe('Azure Verified Module calls match their compiled templates (infra/avm/manifest.json)', () => {
  let files: Map<string, BicepFile>;
  beforeAll(async () => {
    files = await readInfra();
  });

  it('every AVM call passes known parameters, all required ones, literals of the right type and allowed values, and reads existing outputs', () => {
    const calls = [...files.values()].flatMap((f) => f.modules.filter((m) => m.path.startsWith('br/public:avm/')));
    expect(calls.length).toBeGreaterThan(0);
    expect(avmProblems(files, manifest.modules)).toEqual([]);
  });

  it('the manifest describes exactly the pinned versions: no version gap, and a template read from a commit names it and says why it is the tag\'s', async () => {
    const generator = (await import(join(INFRA, 'avm/generateManifest.mjs'))) as Generator;
    expect(Object.keys(manifest.modules).sort()).toEqual(generator.pinnedModules([...bicepSources().values()]));
    expect(sourceProblems(manifest.modules)).toEqual([]);
  });

  it('negative control: a manifest written from another version, or from an unnamed commit, is refused', () => {
    const [ref, spec] = Object.entries(manifest.modules)[0]!;
    const gap = { ...spec, source: { ...spec.source, versionGap: 'written from a 0.14 template' } };
    const unnamed = { ...spec, source: { ...spec.source, commit: undefined, evidence: ' ' } };
    const otherTag = { ...spec, source: { ...spec.source, tag: 'avm/res/web/site/0.14.0' } };
    const noHash = { ...spec, source: { ...spec.source, template: undefined } };
    expect(sourceProblems({ [ref]: gap })).toEqual([`${ref}: version gap "written from a 0.14 template"`]);
    expect(sourceProblems({ [ref]: unnamed })).toEqual([`${ref}: read from "${spec.source.readFrom}" without the commit id`, `${ref}: read from a commit without the evidence that it is the tag's template`]);
    expect(sourceProblems({ [ref]: otherTag })).toEqual([`${ref}: describes tag avm/res/web/site/0.14.0`]);
    expect(sourceProblems({ [ref]: noHash })).toEqual([`${ref}: read from a commit without the template's templateHash`]);
  });

  it('the generator refuses a local copy without the commit it was read from and why it is the tag\'s template (and writes nothing)', () => {
    const generator = join(INFRA, 'avm/generateManifest.mjs');
    const run = (...args: string[]) => spawnSync(process.execPath, [generator, ...args], { encoding: 'utf8' });
    const before = readFileSync(join(INFRA, 'avm/manifest.json'), 'utf8');
    const noCommit = run('--from', tmpdir());
    expect(noCommit.status).toBe(1);
    expect(noCommit.stderr).toContain('--from needs --commit <sha> and --note');
    const shortCommit = run('--from', tmpdir(), '--commit', '7b19d47', '--note', 'x');
    expect(shortCommit.status).toBe(1);
    expect(shortCommit.stderr).toContain('--commit must be a full 40-hex commit id');
    expect(readFileSync(join(INFRA, 'avm/manifest.json'), 'utf8')).toBe(before);
  });

  it('the generator reads a compiled template as the manifest describes it', async () => {
    const { describeTemplate } = (await import(join(INFRA, 'avm/generateManifest.mjs'))) as Generator;
    const template = {
      definitions: { lockType: { type: 'object', properties: {} } },
      parameters: {
        name: { type: 'string' },
        kind: { type: 'string', allowedValues: ['a', 'b'] },
        lock: { $ref: '#/definitions/lockType', nullable: true },
        count: { type: 'int', defaultValue: 1, minValue: 0, maxValue: 3 },
        secret: { type: 'securestring' },
      },
      outputs: { name: { type: 'string', value: '' }, ids: { type: 'array', copy: {} } },
    };
    expect(describeTemplate(template)).toEqual({
      parameters: {
        name: { type: 'string', required: true },
        kind: { type: 'string', required: true, allowedValues: ['a', 'b'] },
        lock: { type: 'object', required: false },
        count: { type: 'int', required: false, minValue: 0, maxValue: 3 },
        secret: { type: 'string', required: true },
      },
      outputs: { name: 'string', ids: 'array' },
    });
  });

  it('negative controls: a wrong allowed value, a wrong literal type, an unknown and a missing parameter, an unknown output', async () => {
    const sources = bicepSources();
    sources.set('app/functionApp.bicep', sources.get('app/functionApp.bicep')!
      .replace("kind: 'functionapp,linux'", "kind: 'functionapp,linuxx'\n    httpsOnly: 'yes'\n    keyVaultIdentity: identityId\n    virtualNetworkSubnetId: virtualNetworkSubnetId")
      .replace('    serverFarmResourceId: appServicePlanId\n', '')
      .replace('output name string = functionApp.outputs.name', 'output name string = functionApp.outputs.siteName'));
    const at = 'app/functionApp.bicep: functionApp (avm/res/web/site:0.22.0)';
    expect(avmProblems(await readInfra(sources), manifest.modules)).toEqual([
      `${at}: "kind" must be one of ${manifest.modules['avm/res/web/site:0.22.0']!.parameters.kind!.allowedValues!.join(', ')}, given "functionapp,linuxx"`,
      `${at}: "httpsOnly" is bool, given a literal string`,
      `${at}: unknown parameter "keyVaultIdentity"`,
      // The 0.15.1 name, renamed virtualNetworkSubnetResourceId in 0.17.0.
      `${at}: unknown parameter "virtualNetworkSubnetId"`,
      `${at}: required parameter "serverFarmResourceId" missing`,
      `${at}: no output "siteName"`,
    ]);
  });
});
