import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../../src/ports';
import { deliverNotifications } from '../../../../src/app/notifications/deliverNotifications';
import { REDACTED, safeAttributes } from '../../../../src/adapters/telemetry/telemetryAttributes';
import { armResourceType } from '../../../../src/adapters/telemetry/armThrottlingPolicy';
import { METRIC } from '../../../../src/adapters/telemetry/ConductorTelemetry';
import { firstSeenOfRun } from '../../../../src/adapters/telemetry/firstSeenOfRun';
import { parseConfig } from '../../../../src/config';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryReleaseStore } from '../../../support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../../support/fakes/InMemoryRunHistory';
import { captureTelemetry, type TelemetryCapture } from '../../../support/telemetryCapture';

let capture: TelemetryCapture | undefined;
afterEach(async () => {
  await capture?.shutdown();
  capture = undefined;
});

describe('telemetry attributes', () => {
  it('keeps known keys, drops unknown and credential-named ones, and redacts credential-like values', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    expect(
      safeAttributes({
        'conductor.fleet': 'fleet-1',
        'conductor.run': 'k8s-1-33-4-with-a-rather-long-name-for-testing-it',
        'conductor.gate': '11111111-2222-3333-4444-555555555555',
        'conductor.release.reasons': 'https://prod.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc',
        'conductor.target.version': jwt,
        'conductor.outcome': `Bearer ${jwt}`,
        'conductor.errors': Buffer.alloc(32, 7).toString('base64'),
        'approval.token': 'x',
        'http.request.header.authorization': 'x',
        'conductor.target.kind': undefined,
      }),
    ).toEqual({
      'conductor.fleet': 'fleet-1',
      'conductor.run': 'k8s-1-33-4-with-a-rather-long-name-for-testing-it',
      'conductor.gate': '11111111-2222-3333-4444-555555555555',
      'conductor.release.reasons': REDACTED,
      'conductor.target.version': REDACTED,
      'conductor.outcome': REDACTED,
      'conductor.errors': REDACTED,
    });
  });

  it('names the ARM resource type of a path without names or ids', () => {
    expect(armResourceType('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f/updateRuns/r/start')).toBe('Microsoft.ContainerService/fleets/updateRuns/start');
    expect(armResourceType('/subscriptions/s/providers/Microsoft.ContainerService/managedClusters')).toBe('Microsoft.ContainerService/managedClusters');
    expect(armResourceType('/subscriptions/s/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions')).toBe('Microsoft.ContainerService/locations/kubernetesVersions');
    expect(armResourceType('/subscriptions/s')).toBe('subscription');
  });
});

describe('notifications failed', () => {
  it('counts each failed attempt by channel and whether the outbox gave up, never the error text', async () => {
    capture = captureTelemetry();
    const outbox = capture.wiring.outbox(new InMemoryOutbox());
    await outbox.enqueue([{ id: 'n1', createdAt: '2026-11-21T08:00:00Z', channel: 'notifications', payload: { message: 'gate failed' } }]);
    const notifier = { send: () => Promise.reject(new DeliveryError('403 from https://hook.example/?sig=secret', { permanent: true })) };
    const log = { info: () => undefined, warn: () => undefined };
    await deliverNotifications({ outbox, notifier: () => notifier, clock: { nowIso: () => '2026-11-21T08:00:00Z' }, log });
    const metrics = await capture.metrics();
    const failed = metrics.filter((m) => m.descriptor.name === METRIC.notificationsFailed).flatMap((m) => m.dataPoints.map((p) => [p.attributes, p.value] as const));
    expect(failed).toEqual([[{ 'conductor.notification.channel': 'notifications', 'conductor.notification.gave_up': true }, 1]]);
  });
});

describe('telemetry settings', () => {
  const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
  it('is off without a connection string, and uses the managed identity when the authentication string says AAD', () => {
    expect(parseConfig(base).telemetry).toEqual({ connectionString: undefined, entraClientId: undefined });
    const cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/';
    expect(parseConfig({ ...base, APPLICATIONINSIGHTS_CONNECTION_STRING: cs, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=abc;Authorization=AAD' }).telemetry).toEqual({ connectionString: cs, entraClientId: 'abc' });
    expect(parseConfig({ ...base, APPLICATIONINSIGHTS_CONNECTION_STRING: cs, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' }).telemetry.entraClientId).toBe('system');
  });

  it('refuses a value that is not a connection string, without echoing it', () => {
    expect(() => parseConfig({ ...base, APPLICATIONINSIGHTS_CONNECTION_STRING: 'hunter2-secret' })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING: expected an Application Insights connection string/);
    expect(() => parseConfig({ ...base, APPLICATIONINSIGHTS_CONNECTION_STRING: 'hunter2-secret' })).not.toThrow(/hunter2/);
    expect(() => parseConfig({ ...base, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=Key' })).toThrow(/APPLICATIONINSIGHTS_AUTHENTICATION_STRING/);
  });
});

describe('release evaluation spans', () => {
  const FLEET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
  const target = { kind: 'kubernetes', version: '1.33.4' } as const;

  it('say since when a fleet is held, and since when a pending release is known', async () => {
    capture = captureTelemetry();
    const { releases } = capture.wiring.stores({ gates: new InMemoryGateStore(), evidence: new InMemoryEvidenceStore(), releases: new InMemoryReleaseStore(), history: new InMemoryRunHistory() });
    await releases.recordFirstSeen([{ region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-20T08:00:00Z' }, { region: 'westeurope', version: '1.33.4', firstSeenAt: '2026-11-19T08:00:00Z' }]);
    await releases.putEvaluation({ fleetId: FLEET, evaluatedAt: '2026-11-21T08:00:00Z', outcome: 'wait', target, reasons: [{ code: 'DenyWindow', message: 'freeze' }], warnings: [] });
    const { record } = await releases.claimRun({ fleetId: FLEET, target, runName: 'k8s-1-33-4', mode: 'explicit', state: 'Started', trigger: { kind: 'poll', eventIds: [] }, explanation: [], createdAt: '2026-11-21T08:00:00Z', createdBy: 'fleet-conductor' });
    await releases.updateRunRecord({ ...record, hold: { cause: 'GateFailed', message: 'gate failed', since: '2026-11-21T09:00:00Z' } as never }, record.etag);
    await releases.putEvaluation({ fleetId: FLEET, evaluatedAt: '2026-11-21T10:00:00Z', outcome: 'blocked', target, runName: 'k8s-1-33-4', reasons: [{ code: 'RunHeld', message: 'held' }], warnings: [] });
    const spans = capture.spans().map((s) => s.attributes);
    expect(spans).toEqual([
      { 'conductor.fleet': 'fleet-1', 'conductor.release.outcome': 'wait', 'conductor.release.reason': 'DenyWindow', 'conductor.release.reasons': 'DenyWindow', 'conductor.release.first_seen': '2026-11-19T08:00:00Z', 'conductor.target.kind': 'kubernetes', 'conductor.target.version': '1.33.4' },
      {
        'conductor.fleet': 'fleet-1',
        'conductor.release.outcome': 'blocked',
        'conductor.release.reason': 'RunHeld',
        'conductor.release.reasons': 'RunHeld',
        'conductor.fleet.blocked_since': '2026-11-21T09:00:00Z',
        'conductor.release.first_seen': '2026-11-19T08:00:00Z',
        'conductor.target.kind': 'kubernetes',
        'conductor.target.version': '1.33.4',
        'conductor.run': 'k8s-1-33-4',
      },
    ]);
  });
});

describe('release to fleet-wide completion', () => {
  it('is measured from the stores when this instance never evaluated the release (the timers scale apart on Flex Consumption)', async () => {
    capture = captureTelemetry();
    const cluster = (name: string): string => `/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
    const releases = new InMemoryReleaseStore();
    await releases.recordFirstSeen([
      { region: 'westeurope', version: '1.33.4', firstSeenAt: '2026-11-20T06:00:00Z' },
      { region: 'eastus', version: '1.33.4', firstSeenAt: '2026-11-20T08:00:00Z' },
      { region: 'japaneast', version: '1.33.4', firstSeenAt: '2026-11-01T00:00:00Z' }, // no member there
    ]);
    const clusters = [
      { resourceId: cluster('aks-a'), location: 'eastus', kubernetesVersion: '1.33.4', nodeImageVersions: [] },
      { resourceId: cluster('aks-b'), location: 'westeurope', kubernetesVersion: '1.33.4', nodeImageVersions: [] },
      { resourceId: cluster('aks-other'), location: 'japaneast', kubernetesVersion: '1.32.7', nodeImageVersions: [] },
    ];
    const listed: string[] = [];
    const source = {
      listManagedClusters: (s: string) => (listed.push(s), Promise.resolve(clusters)),
      listMembers: () => Promise.reject(new Error('not used')),
      listKubernetesVersions: () => Promise.reject(new Error('not used')),
      listNodeImageVersions: () => Promise.reject(new Error('not used')),
    };
    const { history } = capture.wiring.stores(
      { gates: new InMemoryGateStore(), evidence: new InMemoryEvidenceStore(), releases, history: new InMemoryRunHistory() },
      { firstSeenOfRun: firstSeenOfRun(source, releases) },
    );
    const member = (name: string) => ({ name, clusterResourceId: cluster(name), state: 'Completed' });
    const run = {
      fleetName: 'fleet-1',
      fleetId: '/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1',
      runName: 'k8s-1-33-4',
      createdAt: '2026-11-21T08:00:00Z',
      observedAt: '2026-11-21T10:00:00Z',
      createdBy: 'fleet-conductor',
      target: { kind: 'kubernetes', version: '1.33.4' },
      stages: [{ name: 'all', state: 'Completed', gates: [], groups: [{ name: 'g', state: 'Completed', gates: [], members: [member('aks-a'), member('aks-b')] }] }],
    } as const;
    await history.upsertRun({ ...run, state: 'Running' });
    await history.upsertRun({ ...run, state: 'Completed', completedTime: '2026-11-21T06:00:00Z' });
    await history.upsertRun({ ...run, state: 'Completed', completedTime: '2026-11-21T06:00:00Z' }); // seen again: not counted again
    const metrics = await capture.metrics();
    const completion = metrics.filter((m) => m.descriptor.name === METRIC.releaseToCompletion).flatMap((m) => m.dataPoints.map((p) => p.value as { sum: number; count: number }));
    expect(completion).toEqual([expect.objectContaining({ sum: 24 * 3600, count: 1 })]); // from westeurope's 06:00, a day earlier
    expect(listed).toEqual(['sub-1']);
  });
});
