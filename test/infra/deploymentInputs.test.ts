import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/bicep';

interface Inputs {
  fleets: { name: string; subscriptionId: string; resourceGroup: string }[];
  fleetSubscriptionIds: string[];
  channelSettings: { setting: string; secretName: string }[];
}
interface Module {
  deploymentInputs: (text: string) => Inputs;
  toEnvironment: (inputs: Inputs) => Record<string, string>;
}

const load = async (): Promise<Module> => (await import(join(REPO, 'infra/scripts/deploymentInputs.mjs'))) as Module;
const SUB_A = '11111111-1111-1111-1111-111111111111';
const SUB_B = '22222222-2222-2222-2222-222222222222';

describe('conductor.yaml drives the deployment (infra/scripts/deploymentInputs.mjs)', () => {
  it('derives FLEETS, the fleet subscriptions and the channel settings from the repository\'s conductor.yaml', async () => {
    const { deploymentInputs, toEnvironment } = await load();
    const env = toEnvironment(deploymentInputs(readFileSync(join(REPO, 'conductor.yaml'), 'utf8')));
    expect(env).toEqual({
      FLEETS: '00000000-0000-0000-0000-000000000000/rg-fleet-demo/fleet-demo',
      CONDUCTOR_FLEET_SUBSCRIPTION_IDS: '00000000-0000-0000-0000-000000000000',
      // The local demo's approval policy names its Teams and signed-webhook settings; a deployment gets a secret for each.
      CONDUCTOR_CHANNEL_SETTINGS: 'TEAMS_APPROVALS_URL=teams-approvals-url,APPROVALS_HOOK_URL=approvals-hook-url,APPROVALS_HOOK_SECRET=approvals-hook-secret',
    });
  });

  it('lists each subscription once and maps channel settings to Key Vault secret names', async () => {
    const { deploymentInputs, toEnvironment } = await load();
    const yaml = `
fleets:
  - { name: alpha, subscriptionId: ${SUB_A}, resourceGroup: rg-a }
  - { name: beta, subscriptionId: ${SUB_A.toUpperCase()}, resourceGroup: rg-b }
  - { name: gamma, subscriptionId: ${SUB_B}, resourceGroup: rg-c }
gatePolicies:
  - id: p
    approval:
      channels:
        teams: { webhookUrlSetting: TEAMS_APPROVALS_URL }
        webhook: { urlSetting: HOOK_URL, secretSetting: HOOK_SECRET }
`;
    expect(toEnvironment(deploymentInputs(yaml))).toEqual({
      FLEETS: `${SUB_A}/rg-a/alpha,${SUB_A}/rg-b/beta,${SUB_B}/rg-c/gamma`,
      CONDUCTOR_FLEET_SUBSCRIPTION_IDS: `${SUB_A},${SUB_B}`,
      CONDUCTOR_CHANNEL_SETTINGS: 'TEAMS_APPROVALS_URL=teams-approvals-url,HOOK_URL=hook-url,HOOK_SECRET=hook-secret',
    });
  });

  it('refuses two fleets with the same name, even in different subscriptions or resource groups', async () => {
    const { deploymentInputs } = await load();
    const yaml = `fleets:\n  - { name: prod, subscriptionId: ${SUB_A}, resourceGroup: rg-a }\n  - { name: prod, subscriptionId: ${SUB_B}, resourceGroup: rg-b }\n`;
    expect(() => deploymentInputs(yaml)).toThrow('fleets[1].name: duplicate fleet name "prod" (also fleets[0])');
  });

  it('refuses no fleets, malformed fields and a channel that would overwrite a deployment setting', async () => {
    const { deploymentInputs } = await load();
    expect(() => deploymentInputs('fleets: []')).toThrow('fleets: list at least one fleet');
    expect(() => deploymentInputs(`fleets:\n  - { name: Prod_1, subscriptionId: nope, resourceGroup: rg }`)).toThrow(
      /fleets\[0\]\.name: expected lowercase[\s\S]*fleets\[0\]\.subscriptionId: expected a GUID/,
    );
    const overwrite = `fleets:\n  - { name: a, subscriptionId: ${SUB_A}, resourceGroup: rg }\ngatePolicies:\n  - { id: p, approval: { channels: { teams: { webhookUrlSetting: APPROVAL_TOKEN_KEY } } } }\n`;
    expect(() => deploymentInputs(overwrite)).toThrow('"APPROVAL_TOKEN_KEY" is a setting the deployment writes itself');
  });
});
