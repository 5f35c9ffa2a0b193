import type { Json } from './emulatorTestKit';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../emulator/scenario/loadScenario';
import { threeStageScenario } from './scenarioFixtures';

describe('scenario files', () => {
  it.each(['demo', 'multi-fleet', 'scale'])('%s validates', (name) => {
    const scenario = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.fleets.length).toBeGreaterThan(0);
  });

  it('the demo has 6 members in 3 regions and a 3-stage strategy', () => {
    const demo = loadScenario('demo');
    const members = demo.fleets[0]?.members ?? [];
    expect(members).toHaveLength(6);
    expect(new Set(members.map((m) => m.cluster.location))).toEqual(new Set(['eastus', 'westeurope', 'australiaeast']));
    expect((demo.fleets[0]?.updateStrategies[0]?.strategy as { stages: unknown[] }).stages).toHaveLength(3);
  });

  it('the multi-fleet scenario has two fleets', () => {
    expect(loadScenario('multi-fleet').fleets.map((f) => f.name)).toEqual(['fleet-platform', 'fleet-retail']);
  });
});

describe('scenario validation errors name the offending field', () => {
  const bad = (mutate: (s: Json) => void): (() => unknown) => {
    const s: Json = threeStageScenario();
    mutate(s);
    return () => loadScenario(s);
  };
  it.each([
    ['missing name', (s: Json) => delete s.name, 'scenario name: is required (a string)'],
    ['undeclared region', (s: Json) => (s.fleets[0].members[0].cluster.location = 'mars'), "scenario fleets[0].members[0].cluster.location: region 'mars' is not declared under 'regions'"],
    ['bad member name', (s: Json) => (s.fleets[0].members[1].name = 'Canary_1'), "scenario fleets[0].members[1].name: 'Canary_1' is not a valid ARM name (lowercase letters, digits, inner hyphens, 1-50)"],
    ['bad version', (s: Json) => (s.fleets[0].members[0].cluster.kubernetesVersion = '1.33'), "scenario fleets[0].members[0].cluster.kubernetesVersion: '1.33' is not a Kubernetes patch version like 1.33.4"],
    ['bad lro', (s: Json) => (s.lro = 'maybe'), 'scenario lro: must be one of sync, async'],
    ['drain timeout out of AKS range', (s: Json) => (s.fleets[0].members[0].cluster.blockingPdb = { namespace: 'shop', name: 'web-pdb', drainTimeoutMinutes: 2 }), 'scenario fleets[0].members[0].cluster.blockingPdb.drainTimeoutMinutes: must be a whole number of minutes from 5 to 1440 (AKS upgradeSettings.drainTimeoutInMinutes)'],
    ['blocking PDB without a namespace', (s: Json) => (s.fleets[0].members[0].cluster.blockingPdb = { name: 'web-pdb' }), 'scenario fleets[0].members[0].cluster.blockingPdb.namespace: is required (a string)'],
    ['bad speed type', (s: Json) => (s.speed = 'fast'), 'scenario speed: must be a number'],
    ['release to unknown region', (s: Json) => (s.releases = [{ version: '1.34.0', regions: { pluto: 0 } }]), "scenario releases[0].regions.pluto: region 'pluto' is not declared under 'regions'"],
    ['logs query rate limit of 0', (s: Json) => (s.logs = { limits: { queriesPer30Seconds: 0 } }), 'scenario logs.limits.queriesPer30Seconds: must be at least 1'],
    ['fractional concurrent queries', (s: Json) => (s.logs = { limits: { concurrentQueries: 2.5 } }), 'scenario logs.limits.concurrentQueries: must be a whole number'],
    ['negative queue length', (s: Json) => (s.logs = { limits: { queueLength: -1 } }), 'scenario logs.limits.queueLength: must be at least 0'],
    ['logs limit above Azure\'s', (s: Json) => (s.logs = { limits: { concurrentQueries: 6 } }), "scenario logs.limits.concurrentQueries: must be at most 5 (Azure's limit: the emulator may be stricter, never more lenient)"],
    ['misspelt logs limit', (s: Json) => (s.logs = { limits: { queriesPer30Second: 5 } }), 'scenario logs.limits.queriesPer30Second: is not a known field'],
    ['health rule with both triggers', (s: Json) => (s.healthRules = [{ cluster: 'x', atSeconds: 1, afterUpgradeTo: '1.33.2', set: {} }]), "scenario healthRules[0]: give exactly one of 'afterUpgradeTo' or 'atSeconds'"],
  ])('%s', (_label, mutate, message) => {
    expect(bad(mutate)).toThrow(message);
  });

  it('reports every problem at once, one line per field, cross-field rules included', () => {
    const error = (() => {
      try {
        bad((s) => {
          s.speed = 'fast';
          s.fleets[0].members[1].name = 'Canary_1';
          s.fleets[0].members[0].cluster.location = 'mars';
          s.healthRules = [{ cluster: 'x', atSeconds: 1, set: { oomKilledPods: 1 } }];
        })();
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message.split('\n')).toEqual([
      'scenario speed: must be a number',
      "scenario fleets[0].members[1].name: 'Canary_1' is not a valid ARM name (lowercase letters, digits, inner hyphens, 1-50)",
      expect.stringMatching(/^scenario healthRules\[0\]\.set\.oomKilledPods: is not a health field \(known: notReadyNodes, /),
      "scenario fleets[0].members[0].cluster.location: region 'mars' is not declared under 'regions'",
    ]);
  });

  it('treats a key set to null (YAML `key:`) as left out, and fills cluster fields from the defaults', () => {
    const scenario = loadScenario(threeStageScenario({ lro: null, defaults: { kubernetesVersion: '1.32.7', nodeCount: 5, upgradeMinutes: null } }));
    expect(scenario.lro).toBe('sync');
    expect(scenario.fleets[0]?.members[0]?.cluster).toMatchObject({ kubernetesVersion: '1.32.7', nodeCount: 5, upgradeMinutes: 10, resourceGroup: 'rg-clusters', health: {} });
    expect(scenario.fleets[0]?.members[3]?.cluster.kubernetesVersion).toBe('1.33.4');
  });

  it('accepts its own output unchanged (the devhost loads a scenario, edits it and hands it to the emulator)', () => {
    const demo = loadScenario('demo');
    expect(loadScenario(demo)).toEqual(demo);
  });

  it('reports unknown scenario names and invalid strategies', () => {
    expect(() => loadScenario('nope')).toThrow("scenario 'nope' not found");
    expect(bad((s) => (s.fleets[0].updateStrategies[0].strategy = { stages: [{ name: 'A' }] }))).toThrow('strategy.stages[0].name is missing or invalid.');
  });
});
