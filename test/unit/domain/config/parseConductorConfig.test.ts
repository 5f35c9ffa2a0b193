import { describe, expect, it } from 'vitest';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';

const SUB = '00000000-0000-0000-0000-000000000000';
const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';

interface Doc {
  fleets: Record<string, unknown>[];
  strategies: { name: string; stages: Record<string, unknown>[] }[];
  gatePolicies: Record<string, unknown>[];
  [key: string]: unknown;
}

const valid = (): Doc => ({
  fleets: [{ name: 'fleet-demo', subscriptionId: SUB, resourceGroup: 'rg-fleet-demo', logAnalyticsWorkspaceId: WS, strategy: 'conductor-staged' }],
  strategies: [
    {
      name: 'conductor-staged',
      stages: [
        { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 600, afterGate: 'dev-health' },
        { name: 'canary', groups: [{ name: 'canary', afterGate: 'dev-health' }] },
        { name: 'prod', groups: ['prod-us', 'prod-eu'] },
      ],
    },
  ],
  gatePolicies: [{ id: 'dev-health', checks: [{ name: 'nodes', type: 'nodes-ready' }] }],
});

describe('parseConductorConfig', () => {
  it('given a valid file, returns fleets with their fleet id and resolved strategy', () => {
    const result = parseConductorConfig(valid());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [fleet] = result.value.fleets;
    expect(fleet?.fleetId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-fleet-demo/providers/Microsoft.ContainerService/fleets/fleet-demo`);
    expect(fleet?.strategy.stages.map((s) => [s.name, s.afterStageWaitInSeconds, s.afterGate, s.groups.map((g) => [g.name, g.afterGate])])).toEqual([
      ['dev', 600, 'dev-health', [['dev', undefined]]],
      ['canary', 0, undefined, [['canary', 'dev-health']]],
      ['prod', 0, undefined, [['prod-us', undefined], ['prod-eu', undefined]]],
    ]);
    expect(result.value.gatePolicies.map((p) => p.id)).toEqual(['dev-health']);
  });

  it('reports every problem at once, each with its path', () => {
    const config = valid();
    config.fleets[0] = { ...config.fleets[0], subscriptionId: 'not-a-guid', strategy: 'missing', extra: 1 };
    config.strategies[0]!.stages[1] = { name: 'canary', groups: ['dev'] };
    config.strategies[0]!.stages[2] = { name: 'Prod', groups: ['prod-us'] };
    config.gatePolicies[0] = { id: 'dev-health', checks: [{ name: 'nodes', type: 'nodes-ready', threshold: 'high' }] };
    const result = parseConductorConfig(config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'fleets[0].extra',
        'fleets[0].subscriptionId',
        'fleets[0].strategy',
        'strategies[0].stages[2].name',
        'strategies[0].stages[1].groups[0]',
        'gatePolicies[0].checks[0].threshold',
      ]),
    );
    expect(result.issues.find((i) => i.path === 'fleets[0].strategy')?.message).toBe('no strategy named "missing" (strategies)');
    expect(result.issues.find((i) => i.path === 'strategies[0].stages[1].groups[0]')?.message).toBe('group "dev" appears twice; a member belongs to one group only');
  });

  it('takes maxConcurrency on stages and groups (a count or a percentage) in Fleet\'s string form', () => {
    const config = valid();
    Object.assign(config.strategies[0]!.stages[2]!, { maxConcurrency: 10, groups: [{ name: 'prod-us', maxConcurrency: '25%' }, { name: 'prod-eu', maxConcurrency: 5 }] });
    const result = parseConductorConfig(config);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const prod = result.value.fleets[0]?.strategy.stages[2];
    expect([prod?.maxConcurrency, prod?.groups.map((g) => g.maxConcurrency)]).toEqual(['10', ['25%', '5']]);
    expect(result.value.fleets[0]?.strategy.stages[0]).not.toHaveProperty('maxConcurrency');
  });

  it.each([
    { name: 'a gate naming an unknown policy', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.afterGate = 'nope'), path: 'strategies[0].stages[2].afterGate', message: 'no gate policy with id "nope" (gatePolicies)' },
    { name: 'a stage without groups', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.groups = []), path: 'strategies[0].stages[2].groups', message: 'must list at least one group' },
    { name: 'more than 50 groups in a stage', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.groups = Array.from({ length: 51 }, (_, i) => `g${i}`)), path: 'strategies[0].stages[2].groups', message: 'Fleet allows at most 50 groups per stage' },
    { name: 'a negative wait', patch: (c: Doc) => (c.strategies[0]!.stages[0]!.afterStageWaitInSeconds = -1), path: 'strategies[0].stages[0].afterStageWaitInSeconds', message: 'must be at least 0' },
    { name: 'a malformed maxConcurrency', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.maxConcurrency = '0'), path: 'strategies[0].stages[2].maxConcurrency', message: expect.stringContaining('whole number') },
    { name: 'a percentage above 100', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.maxConcurrency = '101%'), path: 'strategies[0].stages[2].maxConcurrency', message: expect.stringContaining('percentage') },
    { name: 'a stage maxConcurrency above 50', patch: (c: Doc) => (c.strategies[0]!.stages[2]!.maxConcurrency = 51), path: 'strategies[0].stages[2].maxConcurrency', message: 'Fleet allows at most 50 clusters at once per stage' },
    {
      name: 'a group maxConcurrency above its stage',
      patch: (c: Doc) => Object.assign(c.strategies[0]!.stages[2]!, { maxConcurrency: 2, groups: [{ name: 'prod-us', maxConcurrency: 3 }, 'prod-eu'] }),
      path: 'strategies[0].stages[2].groups[0].maxConcurrency',
      message: "must not exceed the stage's maxConcurrency (2)",
    },
    {
      name: 'a group percentage above its stage percentage',
      patch: (c: Doc) => Object.assign(c.strategies[0]!.stages[2]!, { maxConcurrency: '20%', groups: [{ name: 'prod-us', maxConcurrency: '50%' }, 'prod-eu'] }),
      path: 'strategies[0].stages[2].groups[0].maxConcurrency',
      message: "must not exceed the stage's maxConcurrency (20%)",
    },
    { name: 'the same fleet twice', patch: (c: Doc) => c.fleets.push({ ...c.fleets[0] }), path: 'fleets[1]', message: expect.stringContaining('duplicate fleet') },
    { name: 'no fleets', patch: (c: Doc) => (c.fleets = []), path: 'fleets', message: 'must list at least one fleet' },
    { name: 'an unknown top-level key', patch: (c: Doc) => (c.fleet = {}), path: 'fleet', message: expect.stringContaining('unknown key') },
  ])('refuses $name', ({ patch, path, message }) => {
    const config = valid();
    patch(config);
    const result = parseConductorConfig(config);
    expect(result.ok ? [] : result.issues).toContainEqual({ path, message });
  });

  it('refuses a document that is not an object', () => {
    expect(parseConductorConfig('fleets: []')).toEqual({ ok: false, issues: [{ path: '$', message: 'expected an object, got "fleets: []"' }] });
  });
});
