#!/usr/bin/env node
/**
 * azd postprovision hook: forgets the one-time signing key handed to Bicep (it now lives only in Key Vault) and checks
 * that the secret the app settings reference exists, so a broken first deployment stops here with a clear message
 * instead of leaving every approval link unsigned.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPROVAL_KEY_SECRET, azJson, azdEnvSet, secretExists } from './preprovision.mjs';

const log = (message) => process.stderr.write(`postprovision: ${message}\n`);

export function main(env = process.env) {
  azdEnvSet('APPROVAL_TOKEN_KEY_NEW', '');
  const vaultName = env.AZURE_KEY_VAULT_NAME;
  const resourceGroup = env.AZURE_RESOURCE_GROUP;
  if (!vaultName || !resourceGroup) throw new Error('AZURE_KEY_VAULT_NAME and AZURE_RESOURCE_GROUP are not set: did provisioning finish?');
  const vault = azJson(['keyvault', 'show', '--name', vaultName, '--resource-group', resourceGroup]);
  if (!secretExists(vault.id, APPROVAL_KEY_SECRET)) {
    throw new Error(`${APPROVAL_KEY_SECRET} is missing from ${vaultName}: APPROVAL_TOKEN_KEY cannot resolve. Run azd provision again (the preprovision hook generates the key when it is missing).`);
  }
  log(`${APPROVAL_KEY_SECRET} is in ${vaultName}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    log(`error: ${error.message}`);
    process.exit(1);
  }
}
