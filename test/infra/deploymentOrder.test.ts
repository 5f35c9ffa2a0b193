import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INFRA, REPO, bicepSources, identifiersIn, readInfra, type BicepFile, type BicepValue } from './support/bicep';

/**
 * Walks `azd up` in the order azure.yaml gives it (preprovision → provision → postprovision → deploy → postdeploy)
 * with the real hook scripts against a stub `az`/`azd` (support/stubAzure.mjs), and models provisioning from the
 * real main.bicep: each module runs once the symbols it references (and its dependsOn) are done, and the schedule is
 * adversarial — the function app module, which writes the app settings, runs as early as its dependencies allow. A
 * Key Vault reference written while its secret (or the identity's Key Vault role) does not exist yet is a violation:
 * App Service would cache it unresolved.
 */

const SUB = '11111111-1111-1111-1111-111111111111';
const FLEET_SUB = '22222222-2222-2222-2222-222222222222';
const ENV_NAME = 'conductor-test';
const LOCATION = 'westeurope';
const CLUSTER = `/subscriptions/${FLEET_SUB}/resourceGroups/rg-clusters/providers/Microsoft.ContainerService/managedClusters/aks-1`;

interface Vault {
  id: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  deleted: boolean;
  secrets: Record<string, string>;
}
interface World {
  subscriptionId: string;
  location: string;
  env: Record<string, string>;
  vaults: Record<string, Vault>;
  resourceGroups: string[];
  site: { hostName: string; eventGridKey: string; deployed: boolean; settings: Record<string, string> } | undefined;
  keyVaultReader: boolean;
  members: Record<string, string[]>;
  log: string[];
  violations: string[];
}

interface Sandbox {
  dir: string;
  statePath: string;
  binDir: string;
  configPath: string;
  scriptsDir: string;
}

function newSandbox(scriptsDir = join(INFRA, 'scripts')): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'conductor-azd-'));
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  const stub = join(REPO, 'test/infra/support/stubAzure.mjs');
  chmodSync(stub, 0o755);
  for (const tool of ['az', 'azd']) symlinkSync(stub, join(binDir, tool));
  const configPath = join(dir, 'conductor.yaml');
  writeFileSync(configPath, `fleets:\n  - { name: fleet-a, subscriptionId: ${FLEET_SUB}, resourceGroup: rg-fleet }\ngatePolicies:\n  - id: p\n    approval:\n      channels:\n        teams: { webhookUrlSetting: TEAMS_APPROVALS_URL }\n        webhook: { urlSetting: HOOK_URL, secretSetting: HOOK_SECRET }\n`);
  const world: World = {
    subscriptionId: SUB,
    location: LOCATION,
    env: { AZURE_ENV_NAME: ENV_NAME, AZURE_LOCATION: LOCATION, AZURE_SUBSCRIPTION_ID: SUB, AUTH_CLIENT_ID: '33333333-3333-3333-3333-333333333333', CONDUCTOR_CONFIG_PATH: configPath },
    vaults: {},
    resourceGroups: [],
    site: undefined,
    keyVaultReader: false,
    members: { 'fleet-a': [CLUSTER] },
    log: [],
    violations: [],
  };
  const statePath = join(dir, 'world.json');
  writeFileSync(statePath, JSON.stringify(world));
  return { dir, statePath, binDir, configPath, scriptsDir };
}

const readWorld = (s: Sandbox): World => JSON.parse(readFileSync(s.statePath, 'utf8')) as World;
const writeWorld = (s: Sandbox, w: World): void => writeFileSync(s.statePath, JSON.stringify(w, null, 2));

/** Runs a hook as azd does: in the repository, with the azd environment (re-read after each hook) in its environment. */
function runHook(s: Sandbox, command: string[]): { ok: boolean; stderr: string } {
  const env = { ...process.env, ...readWorld(s).env, PATH: `${s.binDir}:${process.env.PATH ?? ''}`, STUB_AZURE_STATE: s.statePath };
  try {
    execFileSync(command[0]!, command.slice(1), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? '') };
  }
}

interface HookModule {
  main: (env: Record<string, string | undefined>) => void;
  setCommandRunner?: (runner: (command: string, args: string[]) => string) => void;
}
interface StubModule {
  handle: (world: World, tool: string, args: string[]) => { code: number; stdout: string; stderr: string };
}

/**
 * The Node hooks run in this process (their `main`, with az/azd answered by the same stub the bash hook uses as an
 * executable): the walk stays fast, and only postdeploy.sh runs as a process.
 */
async function runNodeHook(s: Sandbox, name: 'preprovision' | 'postprovision'): Promise<{ ok: boolean; stderr: string }> {
  const stub = (await import(join(REPO, 'test/infra/support/stubAzure.mjs'))) as StubModule;
  const pre = (await import(join(s.scriptsDir, 'preprovision.mjs'))) as HookModule;
  pre.setCommandRunner!((command, args) => {
    const w = readWorld(s);
    const result = stub.handle(w, command, args);
    writeWorld(s, w);
    if (result.code !== 0) throw Object.assign(new Error(`${command} exited with ${result.code}`), { stderr: result.stderr });
    return result.stdout;
  });
  const hook = name === 'preprovision' ? pre : ((await import(join(s.scriptsDir, 'postprovision.mjs'))) as HookModule);
  // The hooks log to stderr; kept with the result instead of cluttering the test output.
  let output = '';
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  try {
    hook.main({ ...readWorld(s).env });
    return { ok: true, stderr: output };
  } catch (error) {
    return { ok: false, stderr: `${output}${(error as Error).message}` };
  } finally {
    stderr.mockRestore();
  }
}

/** main.parameters.json with azd's substitution: ${NAME} and ${NAME=default}. */
function parameterValues(env: Record<string, string>): Record<string, string> {
  const file = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: string }> };
  return Object.fromEntries(
    Object.entries(file.parameters).map(([name, { value }]) => [name, value.replace(/\$\{([A-Z0-9_]+)(?:=([^}]*))?\}/g, (_m, v: string, d?: string) => env[v] || d || '')]),
  );
}

/** The value main.bicep passes as a module argument: a main parameter's value, a literal, or another module's output. */
function argument(main: BicepFile, files: ReadonlyMap<string, BicepFile>, params: Record<string, string>, module: string, name: string): { value: string; from?: string } {
  const args = main.modules.find((m) => m.symbol === module)?.body.get('params');
  const v: BicepValue | undefined = args?.kind === 'object' ? args.properties.get(name) : undefined;
  if (!v) return { value: '' };
  if (v.kind === 'string') return { value: v.value };
  if (v.kind !== 'expression') return { value: '' };
  if (/^[A-Za-z_]\w*$/.test(v.text) && v.text in params) return { value: params[v.text]! };
  const out = /^(\w+)\.outputs\.(\w+)$/.exec(v.text);
  if (out) {
    // The called file's output, when it is a var holding a literal (e.g. the secret name).
    const callee = main.modules.find((m) => m.symbol === out[1]);
    const file = callee ? files.get(callee.path.replace(/^\.\//, '')) : undefined;
    const expr = file?.outputs.get(out[2]!) ?? '';
    const lit = file?.vars.get(expr);
    return { value: lit?.kind === 'string' ? lit.value : expr, from: out[1] };
  }
  return { value: `<${v.text}>` };
}

/** Deployment order of main.bicep's modules and resources: dependencies from references and dependsOn. */
function dependencyGraph(main: BicepFile): Map<string, Set<string>> {
  const symbols = new Set([...main.modules.map((m) => m.symbol), ...main.resources.map((r) => r.symbol)]);
  const graph = new Map<string, Set<string>>();
  for (const decl of [...main.modules.map((m) => ({ symbol: m.symbol, node: m.node })), ...main.resources]) {
    graph.set(decl.symbol, new Set([...identifiersIn(decl.node)].filter((id) => id !== decl.symbol && symbols.has(id))));
  }
  return graph;
}

/** Adversarial schedule: the function app module and its dependencies first, then everything else. */
function schedule(graph: Map<string, Set<string>>, first: string): string[] {
  const order: string[] = [];
  const visit = (s: string): void => {
    if (order.includes(s)) return;
    for (const d of graph.get(s) ?? []) visit(d);
    order.push(s);
  };
  visit(first);
  for (const s of graph.keys()) visit(s);
  return order;
}

/** `azd provision`, modelled: what each module of main.bicep does to the world, in an order ARM could choose. */
function provision(s: Sandbox, main: BicepFile, files: ReadonlyMap<string, BicepFile>): void {
  const w = readWorld(s);
  const params = parameterValues(w.env);
  const rgName = params.resourceGroupName || `rg-${params.environmentName}`;
  const vaultName = `kv-${params.environmentName}`; // the real name is kv<uniqueString(...)>: stable per environment and location
  const vaultId = `/subscriptions/${SUB}/resourcegroups/${rgName}/providers/microsoft.keyvault/vaults/${vaultName}`;
  for (const symbol of schedule(dependencyGraph(main), 'api')) {
    switch (symbol) {
      case 'rg':
        if (!w.resourceGroups.includes(rgName)) w.resourceGroups.push(rgName);
        break;
      case 'keyVault': {
        const existing = w.vaults[vaultId];
        if (existing?.deleted) throw new Error(`VaultAlreadyExists: ${vaultName} is soft-deleted (purge protection); provisioning fails`);
        w.vaults[vaultId] = existing ?? { id: vaultId, name: vaultName, location: LOCATION, tags: { 'azd-env-name': params.environmentName! }, deleted: false, secrets: {} };
        const key = argument(main, files, params, 'keyVault', 'newApprovalTokenKey').value;
        if (key) {
          w.vaults[vaultId].secrets['approval-token-key'] = key;
          w.log.push('secret approval-token-key written');
        }
        w.log.push('vault provisioned');
        break;
      }
      case 'rbac':
        w.keyVaultReader = true;
        w.log.push('role assignments written');
        break;
      case 'api': {
        const vault = w.vaults[vaultId];
        const secretName = argument(main, files, params, 'api', 'approvalTokenKeySecretName').value;
        const references: Record<string, string> = { APPROVAL_TOKEN_KEY: secretName };
        for (const pair of (params.channelSettings ?? '').split(',').filter(Boolean)) references[pair.split('=')[0]!] = pair.split('=')[1]!;
        for (const [setting, secret] of Object.entries(references)) {
          if (!vault || !(secret in vault.secrets)) w.violations.push(`${setting} references secret "${secret}" before it exists`);
          else if (!w.keyVaultReader) w.violations.push(`${setting} references "${secret}" before the identity may read the vault`);
        }
        w.site = { hostName: 'func-conductor.azurewebsites.net', eventGridKey: 'eg-key', deployed: w.site?.deployed ?? false, settings: Object.fromEntries(Object.keys(references).map((k) => [k, '@Microsoft.KeyVault(...)'])) };
        w.log.push('app settings written');
        break;
      }
      default:
        break;
    }
  }
  w.env.AZURE_RESOURCE_GROUP = rgName;
  w.env.AZURE_KEY_VAULT_NAME = vaultName;
  w.env.AZURE_FUNCTION_APP_NAME = 'func-conductor';
  writeWorld(s, w);
}

function deploy(s: Sandbox): void {
  const w = readWorld(s);
  w.site!.deployed = true;
  w.log.push('code deployed');
  writeWorld(s, w);
}

/** `azd down`: the resource group and everything in it go; the vault stays soft-deleted (purge protection). */
function down(s: Sandbox): void {
  const w = readWorld(s);
  for (const v of Object.values(w.vaults)) v.deleted = true;
  w.resourceGroups = [];
  w.site = undefined;
  w.keyVaultReader = false;
  w.log.push('azd down');
  writeWorld(s, w);
}

/** One `azd up`; the Event Grid step (postdeploy) only where a test looks at it, to keep the suite fast. */
async function up(s: Sandbox, main: BicepFile, files: ReadonlyMap<string, BicepFile>, { postdeploy = false } = {}): Promise<{ ok: boolean; failedAt?: string; stderr?: string }> {
  const pre = await runNodeHook(s, 'preprovision');
  if (!pre.ok) return { ok: false, failedAt: 'preprovision', stderr: pre.stderr };
  provision(s, main, files);
  const post = await runNodeHook(s, 'postprovision');
  if (!post.ok) return { ok: false, failedAt: 'postprovision', stderr: post.stderr };
  deploy(s);
  if (!postdeploy) return { ok: true };
  const hook = runHook(s, ['bash', join(INFRA, 'scripts/postdeploy.sh')]);
  if (!hook.ok) return { ok: false, failedAt: 'postdeploy', stderr: hook.stderr };
  return { ok: true };
}

/** A copy of the hook scripts with preprovision.mjs edited (under the OS temp dir, resolving the repository's packages). */
const hookCopies: string[] = [];
function brokenHooks(edit: (preprovision: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'conductor-hooks-'));
  hookCopies.push(dir);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  for (const f of ['deploymentInputs.mjs', 'postprovision.mjs']) copyFileSync(join(INFRA, 'scripts', f), join(dir, f));
  const original = readFileSync(join(INFRA, 'scripts/preprovision.mjs'), 'utf8');
  const broken = edit(original);
  if (broken === original) throw new Error('the edit changed nothing: the negative control would test the real hook');
  writeFileSync(join(dir, 'preprovision.mjs'), broken);
  return dir;
}

const secretOf = (w: World): string | undefined => Object.values(w.vaults)[0]?.secrets['approval-token-key'];

describe('a first azd up that works: the deployment order, walked against a stub az/azd/ARM', () => {
  let files: Map<string, BicepFile>;
  let main: BicepFile;
  const sandboxes: Sandbox[] = [];
  const sandbox = (scriptsDir?: string): Sandbox => {
    const s = newSandbox(scriptsDir);
    sandboxes.push(s);
    return s;
  };
  beforeAll(async () => {
    files = await readInfra();
    main = files.get('main.bicep')!;
  });
  afterAll(() => {
    for (const dir of [...sandboxes.map((s) => s.dir), ...hookCopies]) rmSync(dir, { recursive: true, force: true });
  });

  it('first azd up: the key is written before any setting references it, Event Grid is wired after the deploy', async () => {
    const s = sandbox();
    expect(await up(s, main, files, { postdeploy: true })).toEqual({ ok: true });
    const w = readWorld(s);
    expect(w.violations).toEqual([]);
    const at = (event: string): number => w.log.findIndex((e) => e.startsWith(event));
    expect(at('secret approval-token-key written')).toBeGreaterThan(at('azd env set APPROVAL_TOKEN_KEY_NEW=<value>'));
    expect(at('app settings written')).toBeGreaterThan(at('secret approval-token-key written'));
    expect(at('app settings written')).toBeGreaterThan(at('role assignments written'));
    expect(at('code deployed')).toBeGreaterThan(at('app settings written'));
    expect(at('event subscription conductor-fleet-gates created')).toBeGreaterThan(at('code deployed'));
    expect(at('event subscription conductor-aks-releases created')).toBeGreaterThan(at('code deployed'));
    expect(Buffer.from(secretOf(w)!, 'base64').length).toBe(48);
    expect(w.env.APPROVAL_TOKEN_KEY_NEW).toBe(''); // forgotten once it is in the vault
    expect(w.env.FLEETS).toBe(`${FLEET_SUB}/rg-fleet/fleet-a`); // derived from conductor.yaml
    // Channel secrets that do not exist yet are left out rather than referenced unresolved.
    expect(w.env.CONDUCTOR_CHANNEL_SETTINGS).toBe('');
    expect(Object.keys(w.site!.settings)).toEqual(['APPROVAL_TOKEN_KEY']);
  });

  it('a second azd up keeps the key; channel secrets put in the vault meanwhile become references', async () => {
    const s = sandbox();
    expect((await up(s, main, files)).ok).toBe(true);
    const w = readWorld(s);
    const key = secretOf(w);
    Object.values(w.vaults)[0]!.secrets['teams-approvals-url'] = 'https://example.invalid/teams';
    writeWorld(s, w);
    expect(await up(s, main, files)).toEqual({ ok: true });
    const after = readWorld(s);
    expect(after.violations).toEqual([]);
    expect(secretOf(after)).toBe(key);
    expect(after.env.CONDUCTOR_CHANNEL_SETTINGS).toBe('TEAMS_APPROVALS_URL=teams-approvals-url');
    expect(Object.keys(after.site!.settings).sort()).toEqual(['APPROVAL_TOKEN_KEY', 'TEAMS_APPROVALS_URL']);
  });

  it('azd down && azd up: the soft-deleted vault is recovered with its key instead of failing for 90 days', async () => {
    const s = sandbox();
    expect((await up(s, main, files)).ok).toBe(true);
    const key = secretOf(readWorld(s));
    down(s);
    expect(await up(s, main, files)).toEqual({ ok: true });
    const w = readWorld(s);
    expect(w.violations).toEqual([]);
    expect(w.log).toContain(`vault kv-${ENV_NAME} recovered`);
    expect(secretOf(w)).toBe(key);
  });

  it('negative control: without the preprovision hook\'s recovery, azd up after azd down fails on the soft-deleted name', async () => {
    const dir = brokenHooks((text) => text.replace("azJson(['keyvault', 'list-deleted', '--resource-type', 'vault'])", '[]'));
    const s = sandbox(dir);
    expect((await up(s, main, files)).ok).toBe(true);
    down(s);
    await expect(up(s, main, files)).rejects.toThrow(/soft-deleted/);
  });

  it('negative control: app settings not ordered after the Key Vault module reference a secret that does not exist yet', async () => {
    const sources = bicepSources();
    sources.set('main.bicep', sources.get('main.bicep')!
      .replace('keyVaultName: keyVault.outputs.name\n    approvalTokenKeySecretName: keyVault.outputs.approvalTokenKeySecretName', "keyVaultName: '${abbrs.keyVaultVaults}${resourceToken}'\n    approvalTokenKeySecretName: 'approval-token-key'")
      .replace('  dependsOn: [\n    rbac\n  ]\n', '')
      // the subnet comes from the network module, which follows the vault: drop that path too
      .replace("virtualNetworkSubnetId: privateNetworking ? network.outputs.appSubnetId : ''", "virtualNetworkSubnetId: ''"));
    const broken = await readInfra(sources);
    const s = sandbox();
    await up(s, broken.get('main.bicep')!, broken);
    expect(readWorld(s).violations).toEqual([
      'APPROVAL_TOKEN_KEY references secret "approval-token-key" before it exists',
    ]);
  });

  it('negative control: a preprovision hook that hands Bicep no key leaves the reference dangling, and postprovision stops', async () => {
    const dir = brokenHooks((text) => text.replace("randomBytes(48).toString('base64')", "''"));
    const s = sandbox(dir);
    const result = await up(s, main, files);
    expect(result.failedAt).toBe('postprovision');
    expect(result.stderr).toMatch(/approval-token-key is missing/);
    expect(readWorld(s).violations).toEqual(['APPROVAL_TOKEN_KEY references secret "approval-token-key" before it exists']);
  });
});
