#!/usr/bin/env node
/**
 * azd preprovision hook: prepares the inputs of infra/main.bicep so that the first `azd up` works and later ones
 * change nothing they should not.
 *
 * 1. Fleets come from conductor.yaml (deploymentInputs.mjs): FLEETS and CONDUCTOR_FLEET_SUBSCRIPTION_IDS are
 *    written to the azd environment, never typed by hand. Duplicate fleet names stop the deployment here.
 * 2. This environment's Key Vault is found by its `azd-env-name` tag. If `azd down` left it soft-deleted (purge
 *    protection keeps it 90 days), it is recovered under the same name, with its signing key, instead of failing.
 * 3. The approval signing key: when the vault has no `approval-token-key` yet (first run), a new key is generated
 *    here (openssl, 48 random bytes) and handed to Bicep as APPROVAL_TOKEN_KEY_NEW, which writes the secret before
 *    the function app's settings reference it. When the secret exists, nothing is generated: a redeploy never
 *    rotates the key (rotation invalidates every approval link in flight). postprovision.mjs clears the value.
 * 4. Approval channel settings that conductor.yaml names become Key Vault references only when their secret
 *    already exists (CONDUCTOR_CHANNEL_SETTINGS); missing ones are reported with the command that creates them.
 *
 * Secrets are read and written only through ARM (control plane): nobody needs a Key Vault data-plane role.
 * Inputs: AZURE_ENV_NAME, AZURE_LOCATION, AZURE_SUBSCRIPTION_ID (optional), CONDUCTOR_CONFIG_PATH (optional),
 * AUTH_CLIENT_ID (optional, warned about when empty).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deploymentInputs, toEnvironment } from './deploymentInputs.mjs';

export const APPROVAL_KEY_SECRET = 'approval-token-key';
const KEY_VAULT_API = '2023-07-01';

const log = (message) => process.stderr.write(`preprovision: ${message}\n`);

/** How the hooks run az and azd; tests swap in a stub (setCommandRunner) to walk the deployment without Azure. */
let run = (command, args) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
export function setCommandRunner(runner) {
  run = runner;
}

/** Runs az and parses its JSON output; undefined when az reports the resource does not exist. */
export function azJson(args, { allowNotFound = false } = {}) {
  try {
    const out = run('az', [...args, '--only-show-errors', '-o', 'json']);
    return out.trim() === '' ? undefined : JSON.parse(out);
  } catch (error) {
    const stderr = String(error.stderr ?? '');
    if (allowNotFound && /ResourceNotFound|SecretNotFound|NotFound|was not found|could not be found|\(404\)/i.test(stderr)) return undefined;
    throw new Error(`az ${args.join(' ')} failed: ${stderr.trim() || error.message}`, { cause: error });
  }
}

export function azdEnvSet(name, value) {
  run('azd', ['env', 'set', name, value]);
}

/** Whether the vault holds the secret: its ARM resource (metadata only, never the value). */
export function secretExists(vaultId, secretName) {
  const secret = azJson(['rest', '--method', 'get', '--url', `${vaultId}/secrets/${secretName}?api-version=${KEY_VAULT_API}`], { allowNotFound: true });
  return secret !== undefined;
}

/** Names of the vault's secrets, from one ARM list (metadata only). */
export function secretNames(vaultId) {
  const names = new Set();
  let url = `${vaultId}/secrets?api-version=${KEY_VAULT_API}`;
  while (url) {
    const page = azJson(['rest', '--method', 'get', '--url', url]) ?? {};
    for (const s of page.value ?? []) names.add(s.name);
    url = page.nextLink;
  }
  return names;
}

/** This environment's vault id: an active one by tag, else a soft-deleted one recovered under its name. */
export function findOrRecoverVault(envName, location) {
  const active = azJson(['resource', 'list', '--resource-type', 'Microsoft.KeyVault/vaults', '--tag', `azd-env-name=${envName}`]) ?? [];
  if (active.length > 1) throw new Error(`more than one Key Vault is tagged azd-env-name=${envName}: ${active.map((v) => v.id).join(', ')}`);
  if (active.length === 1) return active[0].id;

  const deleted = (azJson(['keyvault', 'list-deleted', '--resource-type', 'vault']) ?? []).filter(
    (v) => v.properties?.tags?.['azd-env-name'] === envName && String(v.properties?.location ?? '').toLowerCase() === location.toLowerCase(),
  );
  if (deleted.length === 0) return undefined;
  const vault = deleted[0];
  const vaultId = vault.properties.vaultId;
  const resourceGroup = vaultId.split('/')[4];
  // Recovery puts the vault back in its original resource group, which `azd down` deleted.
  log(`recovering soft-deleted Key Vault ${vault.name} (purge protection keeps it; its signing key comes back with it)`);
  azJson(['group', 'create', '--name', resourceGroup, '--location', location, '--tags', `azd-env-name=${envName}`]);
  azJson(['keyvault', 'recover', '--name', vault.name, '--location', location]);
  return vaultId;
}

export function main(env = process.env) {
  const envName = env.AZURE_ENV_NAME;
  const location = env.AZURE_LOCATION;
  if (!envName || !location) throw new Error('AZURE_ENV_NAME and AZURE_LOCATION must be set (azd env new; azd env set AZURE_LOCATION <region>)');

  const configPath = env.CONDUCTOR_CONFIG_PATH || 'conductor.yaml';
  const inputs = deploymentInputs(readFileSync(configPath, 'utf8'));
  const derived = toEnvironment(inputs);
  azdEnvSet('FLEETS', derived.FLEETS);
  azdEnvSet('CONDUCTOR_FLEET_SUBSCRIPTION_IDS', derived.CONDUCTOR_FLEET_SUBSCRIPTION_IDS);
  log(`fleets from ${configPath}: ${derived.FLEETS}`);

  const vaultId = findOrRecoverVault(envName, location);
  const existing = vaultId === undefined ? new Set() : secretNames(vaultId);
  const keyExists = existing.has(APPROVAL_KEY_SECRET);
  if (keyExists) {
    log(`${APPROVAL_KEY_SECRET} exists: kept as it is`);
    azdEnvSet('APPROVAL_TOKEN_KEY_NEW', '');
  } else {
    log(`${APPROVAL_KEY_SECRET} does not exist yet: provisioning writes a new one before the app settings`);
    azdEnvSet('APPROVAL_TOKEN_KEY_NEW', randomBytes(48).toString('base64'));
  }

  const present = [];
  for (const { setting, secretName } of inputs.channelSettings) {
    if (existing.has(secretName)) {
      present.push(`${setting}=${secretName}`);
    } else {
      log(`approval channel setting ${setting}: secret "${secretName}" is not in the vault yet, so the setting is not written ` +
        `(the app reports the channel as unconfigured). Create it through ARM, then run azd provision again: ` +
        `az rest --method put --url "<vault id>/secrets/${secretName}?api-version=${KEY_VAULT_API}" --body '{"properties":{"value":"<value>"}}'`);
    }
  }
  azdEnvSet('CONDUCTOR_CHANNEL_SETTINGS', present.join(','));

  if (!env.AUTH_CLIENT_ID) {
    log('AUTH_CLIENT_ID is empty: App Service authentication is not set up, so the app has no trusted principal source ' +
      'and refuses approval and operator routes. Set it to an Entra app registration\'s client id to enable them.');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    log(`error: ${error.message}`);
    process.exit(1);
  }
}
