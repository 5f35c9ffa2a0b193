#!/usr/bin/env node
/**
 * A stub `az` and `azd` for the deployment-order test: it answers the commands the hooks run from a JSON world file
 * (STUB_AZURE_STATE) and appends every state change to the world's ordered log, so the test can replay what happened
 * and in which order. It behaves as the real tools do where the hooks depend on it: `az rest` on a missing secret
 * fails with ResourceNotFound, an active vault is found by tag, a soft-deleted vault only through list-deleted,
 * recovery needs the resource group, and the Event Grid webhook key exists only once code is deployed.
 *
 *   node stubAzure.mjs az <args…> | node stubAzure.mjs azd <args…>
 */
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Runs one command against the world (mutated in place). Returns what the real tool would print and its exit code.
 * @returns {{ code: number, stdout: string, stderr: string }}
 */
export function handle(world, tool, args) {
  let stdout = '';
  const log = (event) => world.log.push(event);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const has = (...words) => words.every((w, i) => args[i] === w);
  const out = (value) => {
    stdout = typeof value === 'string' ? `${value}\n` : JSON.stringify(value);
  };
  class NotFound extends Error {}
  const notFound = (what) => {
    throw new NotFound(`ERROR: (ResourceNotFound) The resource '${what}' was not found.`);
  };
function main() {
  if (tool === 'azd') {
    if (has('env', 'set')) {
      world.env[args[2]] = args[3] ?? '';
      log(`azd env set ${args[2]}${args[3] ? '=<value>' : '=<empty>'}`);
      return;
    }
    throw new Error(`stub azd: unsupported ${args.join(' ')}`);
  }
  if (has('account', 'show')) return out(world.subscriptionId);
  if (has('resource', 'list')) {
    const tag = opt('--tag') ?? '';
    const [key, value] = tag.split('=');
    return out(Object.values(world.vaults).filter((v) => !v.deleted && v.tags[key] === value).map((v) => ({ id: v.id, name: v.name })));
  }
  if (has('keyvault', 'list-deleted')) {
    return out(Object.values(world.vaults).filter((v) => v.deleted).map((v) => ({ name: v.name, properties: { vaultId: v.id, location: v.location, tags: v.tags } })));
  }
  if (has('group', 'create')) {
    if (!world.resourceGroups.includes(opt('--name'))) world.resourceGroups.push(opt('--name'));
    log(`resource group ${opt('--name')} created`);
    return out({ name: opt('--name') });
  }
  if (has('keyvault', 'recover')) {
    const vault = Object.values(world.vaults).find((v) => v.name === opt('--name') && v.deleted);
    if (!vault) return notFound(opt('--name'));
    if (!world.resourceGroups.includes(vault.id.split('/')[4])) throw new Error('stub az: recover needs the original resource group');
    vault.deleted = false;
    log(`vault ${vault.name} recovered`);
    return out({ id: vault.id });
  }
  if (has('keyvault', 'show')) {
    const vault = Object.values(world.vaults).find((v) => v.name === opt('--name') && !v.deleted);
    return vault ? out({ id: vault.id, name: vault.name }) : notFound(opt('--name'));
  }
  if (has('rest')) {
    const url = opt('--url') ?? '';
    const list = /^(.*)\/secrets\?/.exec(url);
    if (opt('--method') === 'get' && list) {
      const vault = world.vaults[list[1].toLowerCase()];
      if (!vault || vault.deleted) return notFound(list[1]);
      return out({ value: Object.keys(vault.secrets).map((name) => ({ id: `${list[1]}/secrets/${name}`, name, properties: {} })) });
    }
    const m = /^(.*)\/secrets\/([^/?]+)\?/.exec(url);
    if (opt('--method') !== 'get' || !m) throw new Error(`stub az: unsupported rest ${url}`);
    const vault = world.vaults[m[1].toLowerCase()];
    if (!vault || vault.deleted || !(m[2] in vault.secrets)) return notFound(`${m[1]}/secrets/${m[2]}`);
    return out({ id: url.split('?')[0], name: m[2], properties: {} }); // ARM returns metadata, never the value
  }
  // postdeploy.sh (bash, with --query … -o tsv: the stub prints what the query would)
  if (has('extension', 'show')) return out('{}');
  if (has('functionapp', 'show')) return out(world.site ? world.site.hostName : '');
  if (has('functionapp', 'keys', 'list')) return out(world.site?.deployed ? world.site.eventGridKey : '');
  if (has('provider', 'show')) return out('Registered');
  if (has('eventgrid', 'system-topic', 'list')) return out('');
  if (has('eventgrid', 'system-topic', 'create')) {
    log(`system topic ${opt('-n')} created`);
    return out('{}');
  }
  if (has('eventgrid', 'system-topic', 'event-subscription', 'show')) return notFound(opt('-n'));
  if (has('eventgrid', 'system-topic', 'event-subscription', 'create')) {
    const endpoint = opt('--endpoint') ?? '';
    if (!world.site?.deployed || !endpoint.endsWith(`code=${world.site.eventGridKey}`)) world.violations.push(`event subscription ${opt('-n')} created before the code (and its key) was deployed`);
    log(`event subscription ${opt('-n')} created on ${opt('--system-topic-name')}`);
    return out('{}');
  }
  if (has('fleet', 'member', 'list')) return out((world.members[opt('-f')] ?? []).join('\n'));
  if (has('resource', 'show')) return out(world.location);
  throw new Error(`stub az: unsupported ${args.join(' ')}`);
}

  try {
    main();
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    return { code: error instanceof NotFound ? 3 : 2, stdout: '', stderr: `${error.message}\n` };
  }
}

// As an executable (symlinks named az and azd, or `node stubAzure.mjs <tool> …`): the world lives in STUB_AZURE_STATE.
if (process.argv[1] && ['az', 'azd', 'stubAzure.mjs'].includes(process.argv[1].split('/').pop())) {
  const invokedAs = process.argv[1].split('/').pop();
  const [tool, ...args] = invokedAs === 'az' || invokedAs === 'azd' ? [invokedAs, ...process.argv.slice(2)] : process.argv.slice(2);
  const statePath = process.env.STUB_AZURE_STATE;
  const world = JSON.parse(readFileSync(statePath, 'utf8'));
  const result = handle(world, tool, args);
  writeFileSync(statePath, JSON.stringify(world, null, 2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.code);
}
