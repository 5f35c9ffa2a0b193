#!/usr/bin/env node
/**
 * conductor.yaml is the one source of truth for the fleets: this script derives from it what the deployment needs
 * (the fleets whose roles and Event Grid wiring azd creates, the subscriptions they live in, and the app settings that
 * approval channels name), so nobody describes a fleet twice. The preprovision and postdeploy hooks call it; tests
 * import it.
 *
 *   node infra/scripts/deploymentInputs.mjs [path/to/conductor.yaml]
 *
 * prints KEY=VALUE lines (FLEETS, CONDUCTOR_FLEET_SUBSCRIPTION_IDS, CONDUCTOR_CHANNEL_SETTINGS) and exits 1 with the
 * problems on stderr when the file cannot drive a deployment (duplicate fleet names, missing fields).
 *
 * The app validates the whole file at startup (src/domain/config/parseConductorConfig.ts); this script checks only
 * the fields the deployment reads, plus one rule the deployment needs on top: fleet names are unique (case-insensitive)
 * across subscriptions and resource groups, because role assignments, Event Grid wiring and operators name fleets by
 * name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// yaml is one of the app's dependencies: present once `npm ci` has run in the repository (azd runs the
// preprovision hook before it installs anything, hence the clear message).
let parse;
try {
  ({ parse } = await import('yaml'));
} catch (error) {
  throw new Error('the yaml package is missing: run `npm ci` in the repository before azd up', { cause: error });
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const FLEET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** App setting names an approval channel may name (src/domain/approvals/parseApprovalPolicy.ts accepts these). */
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Settings the deployment itself writes: a channel may not name one of them (it would overwrite it). */
export const RESERVED_SETTINGS = new Set([
  'APPROVAL_TOKEN_KEY', 'APP_BASE_URL', 'NOTIFY_WEBHOOK_URL', 'CONDUCTOR_PRINCIPAL_SOURCE', 'CONDUCTOR_TABLE_PREFIX',
  'CONDUCTOR_CONFIG_PATH', 'RECONCILE_SCHEDULE', 'RELEASE_POLL_SCHEDULE', 'AZURE_CREDENTIAL', 'AZURE_CLIENT_ID',
  'APPLICATIONINSIGHTS_CONNECTION_STRING', 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
]);

/** Key Vault secret names allow letters, digits and '-' only: NOTIFY_TEAMS_URL → notify-teams-url. */
export function secretNameFor(setting) {
  return setting.toLowerCase().replace(/_/g, '-');
}

/**
 * @param {string} text conductor.yaml (YAML or JSON)
 * @returns {{ fleets: { name: string, subscriptionId: string, resourceGroup: string }[], fleetSubscriptionIds: string[], channelSettings: { setting: string, secretName: string }[] }}
 */
export function deploymentInputs(text) {
  const problems = [];
  let root;
  try {
    root = parse(text);
  } catch (error) {
    throw new Error(`conductor config is not valid YAML: ${error.message}`, { cause: error });
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new Error('conductor config: expected a mapping at the top level');
  const list = Array.isArray(root.fleets) ? root.fleets : [];
  if (list.length === 0) problems.push('fleets: list at least one fleet');

  const fleets = [];
  const byName = new Map();
  list.forEach((f, i) => {
    const at = `fleets[${i}]`;
    const name = typeof f?.name === 'string' ? f.name : '';
    const subscriptionId = typeof f?.subscriptionId === 'string' ? f.subscriptionId : '';
    const resourceGroup = typeof f?.resourceGroup === 'string' ? f.resourceGroup : '';
    if (!FLEET_NAME.test(name)) problems.push(`${at}.name: expected lowercase letters, digits and inner hyphens, got "${name}"`);
    if (!GUID.test(subscriptionId)) problems.push(`${at}.subscriptionId: expected a GUID, got "${subscriptionId}"`);
    if (!RESOURCE_GROUP.test(resourceGroup)) problems.push(`${at}.resourceGroup: expected a resource group name, got "${resourceGroup}"`);
    const key = name.toLowerCase();
    if (name && byName.has(key)) problems.push(`${at}.name: duplicate fleet name "${name}" (also ${byName.get(key)}); fleet names must be unique`);
    else byName.set(key, at);
    fleets.push({ name, subscriptionId: subscriptionId.toLowerCase(), resourceGroup });
  });

  const settings = new Map();
  const policies = Array.isArray(root.gatePolicies) ? root.gatePolicies : [];
  policies.forEach((p, i) => {
    const channels = p?.approval?.channels;
    if (channels === null || typeof channels !== 'object') return;
    const named = [channels.teams?.webhookUrlSetting, channels.webhook?.urlSetting, channels.webhook?.secretSetting];
    for (const setting of named) {
      if (setting === undefined) continue;
      if (typeof setting !== 'string' || !SETTING_NAME.test(setting)) {
        problems.push(`gatePolicies[${i}].approval.channels: "${String(setting)}" is not an app setting name`);
        continue;
      }
      if (RESERVED_SETTINGS.has(setting.toUpperCase()) || setting.startsWith('AzureWebJobs')) {
        problems.push(`gatePolicies[${i}].approval.channels: "${setting}" is a setting the deployment writes itself; name another`);
        continue;
      }
      settings.set(setting, secretNameFor(setting));
    }
  });
  const secretOwners = new Map();
  for (const [setting, secretName] of settings) {
    const other = secretOwners.get(secretName);
    if (other !== undefined) problems.push(`approval channel settings ${other} and ${setting} map to the same Key Vault secret "${secretName}"`);
    secretOwners.set(secretName, setting);
  }

  if (problems.length > 0) throw new Error(`conductor config cannot drive a deployment:\n  - ${problems.join('\n  - ')}`);
  return {
    fleets,
    fleetSubscriptionIds: [...new Set(fleets.map((f) => f.subscriptionId))],
    channelSettings: [...settings].map(([setting, secretName]) => ({ setting, secretName })),
  };
}

/** The azd environment values, in the formats main.parameters.json and the hooks read. */
export function toEnvironment(inputs) {
  return {
    FLEETS: inputs.fleets.map((f) => `${f.subscriptionId}/${f.resourceGroup}/${f.name}`).join(','),
    CONDUCTOR_FLEET_SUBSCRIPTION_IDS: inputs.fleetSubscriptionIds.join(','),
    CONDUCTOR_CHANNEL_SETTINGS: inputs.channelSettings.map((c) => `${c.setting}=${c.secretName}`).join(','),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const path = process.argv[2] || process.env.CONDUCTOR_CONFIG_PATH || 'conductor.yaml';
  try {
    const env = toEnvironment(deploymentInputs(readFileSync(path, 'utf8')));
    for (const [key, value] of Object.entries(env)) process.stdout.write(`${key}=${value}\n`);
  } catch (error) {
    process.stderr.write(`${path}: ${error.message}\n`);
    process.exit(1);
  }
}
