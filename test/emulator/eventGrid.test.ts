import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, type Json } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';
import { shapeMismatches } from './shapeMatch';

const SAMPLES = path.resolve(__dirname, '../fixtures/azure/eventgrid/EventGridSchema');
const sample = (type: string): Record<string, unknown> => {
  const doc = JSON.parse(readFileSync(path.join(SAMPLES, `${type}.json`), 'utf8'));
  return Array.isArray(doc) ? doc[0] : doc;
};

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  events: Json[];
}

/** A local webhook like the Functions host's Event Grid endpoint; `failures` decides per path how many attempts fail. */
let received: Received[] = [];
let failures: Record<string, number> = {};
let server: http.Server;
let endpoint = '';
let emu: RunningEmulator;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      if (req.headers['aeg-event-type'] === 'SubscriptionValidation') {
        const [event] = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const answer = url === '/validating' ? JSON.stringify({ validationResponse: event.data.validationCode }) : '';
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
        return;
      }
      received.push({ path: url, headers: req.headers, events: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const left = failures[url] ?? 0;
      if (left > 0) failures[url] = left - 1;
      res.writeHead(left > 0 ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emu = await startTestEmulator(threeStageScenario({ eventGrid: { retryDelaysMs: [5, 5, 5], maxAttempts: 3 } }));
});
afterAll(async () => {
  await emu.stop();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  received = [];
  failures = {};
});

const subscribe = (name: string, p: string, eventTypes?: string[]) =>
  control(emu, 'POST', '/eventgrid/subscriptions', { name, endpoint: `${endpoint}${p}`, ...(eventTypes ? { eventTypes } : {}) });
const settle = () => emu.control.eventGrid.idle();

it('delivers NewKubernetesVersionAvailable per cluster of the region, in Event Grid schema with Azure headers', async () => {
  expect((await subscribe('aks', '/runtime/webhooks/eventgrid?functionName=onAks', ['Microsoft.ContainerService.NewKubernetesVersionAvailable'])).status).toBe(201);
  await control(emu, 'POST', '/releases', { version: '1.33.5', regions: { westeurope: 0, australiaeast: 3600 } });
  await settle();
  expect(received.map((r) => r.events[0].subject)).toEqual(['aks-prod-eu-1']);
  const [delivery] = received;
  expect(delivery?.headers).toMatchObject({ 'aeg-event-type': 'Notification', 'aeg-subscription-name': 'AKS', 'aeg-delivery-count': '0', 'content-type': 'application/json' });
  const event = delivery?.events[0];
  expect(shapeMismatches(sample('Microsoft.ContainerService.NewKubernetesVersionAvailable'), event)).toEqual([]);
  expect(event).toMatchObject({
    topic: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-clusters/providers/Microsoft.ContainerService/managedClusters/aks-prod-eu-1',
    eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
    eventTime: '2026-11-21T08:00:00.000Z',
    data: { latestSupportedKubernetesVersion: '1.33.5', latestStableKubernetesVersion: '1.32.7', lowestMinorKubernetesVersion: '1.32.7', latestPreviewKubernetesVersion: '' },
    dataVersion: '1',
    metadataVersion: '1',
  });
  received = [];
  await advance(emu, 3600); // the region-by-region release reaches australiaeast an hour later
  await settle();
  expect(received.map((r) => [r.events[0].subject, r.events[0].eventTime])).toEqual([['aks-prod-apac-1', '2026-11-21T09:00:00.000Z']]);
  await control(emu, 'DELETE', '/eventgrid/subscriptions/aks');
});

it('sends ClusterSupportEnding then ClusterSupportEnded as new minors push a cluster out of the window', async () => {
  await subscribe('support', '/support', ['Microsoft.ContainerService.ClusterSupportEnding', 'microsoft.containerservice.clustersupportended']);
  await control(emu, 'POST', '/releases', { version: '1.34.1', regions: ['westeurope'] });
  await control(emu, 'POST', '/releases', { version: '1.34.2', regions: ['westeurope'] });
  await control(emu, 'POST', '/releases', { version: '1.35.0', regions: ['westeurope'] });
  await settle();
  expect(received.map((r) => [r.events[0].eventType, r.events[0].data])).toEqual([
    ['Microsoft.ContainerService.ClusterSupportEnding', { kubernetesVersion: '1.32.7' }],
    ['Microsoft.ContainerService.ClusterSupportEnded', { kubernetesVersion: '1.32.7' }],
  ]);
  expect(shapeMismatches(sample('Microsoft.ContainerService.ClusterSupportEnded'), received[1]?.events[0])).toEqual([]);
  await control(emu, 'DELETE', '/eventgrid/subscriptions/support');
});

it('delivers Fleet gate events (subscription topic) with the published payload shape', async () => {
  await subscribe('gates', '/gates', ['Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated', 'Microsoft.ResourceNotifications.AKSResources.FleetGateDeleted']);
  const client = fleetClient(emu);
  const base = fleetPath('rg1', 'fleet-1');
  await armRaw(client, emu, 'PUT', `${base}/updateRuns/g1?api-version=2026-03-02-preview`, {
    properties: { strategy: { stages: [{ name: 'st', groups: [{ name: 'canary', beforeGates: [{ type: 'Approval', displayName: 'before-group' }] }] }] }, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } } },
  });
  await client.updateRuns.start('rg1', 'fleet-1', 'g1');
  const gate = (await armRaw(client, emu, 'GET', `${base}/gates?api-version=2026-03-02-preview`)).body.value[0];
  await armRaw(client, emu, 'PATCH', `${base}/gates/${gate.name}?api-version=2026-03-02-preview`, { properties: { state: 'Completed' } });
  await client.updateRuns.stop('rg1', 'fleet-1', 'g1');
  await advance(emu, 600);
  await client.updateRuns.delete('rg1', 'fleet-1', 'g1');
  await settle();
  const events = received.map((r) => r.events[0]);
  expect(events.map((e) => [e.eventType, e.data.resourceInfo.properties.state])).toEqual([
    ['Microsoft.ResourceNotifications.AksResources.FleetGateCreated', 'Pending'],
    ['Microsoft.ResourceNotifications.AksResources.FleetGateUpdated', 'Completed'],
    ['Microsoft.ResourceNotifications.AksResources.FleetGateDeleted', 'Completed'],
  ]);
  for (const [i, type] of ['FleetGateCreated', 'FleetGateUpdated', 'FleetGateDeleted'].entries())
    expect(shapeMismatches(sample(`Microsoft.ResourceNotifications.AKSResources.${type}`), events[i])).toEqual([]);
  expect(events[0]).toMatchObject({
    topic: '/subscriptions/00000000-0000-0000-0000-000000000000',
    subject: `${base}/gates/${gate.name}`,
    data: { resourceInfo: { properties: { displayName: 'before-group', target: { updateRunProperties: { name: 'g1', stage: 'st', group: 'canary', timing: 'Before' } } } }, apiVersion: '2025-04-01-preview' },
  });
  await control(emu, 'DELETE', '/eventgrid/subscriptions/gates');
});

it('retries non-2xx with backoff (at-least-once), dead-letters after the last attempt, and can duplicate or reorder', async () => {
  await subscribe('flaky', '/flaky', ['Microsoft.ContainerService.NewKubernetesVersionAvailable']);
  await subscribe('down', '/down', ['Microsoft.ContainerService.NewKubernetesVersionAvailable']);
  failures = { '/flaky': 2, '/down': 99 };
  await control(emu, 'POST', '/releases', { version: '1.33.6', regions: ['westeurope'] });
  await settle();
  expect(received.filter((r) => r.path === '/flaky').map((r) => r.headers['aeg-delivery-count'])).toEqual(['0', '1', '2']);
  expect(received.filter((r) => r.path === '/down')).toHaveLength(3);
  const dead = (await control(emu, 'GET', '/eventgrid/deadletters')).body.value.filter((d: Json) => d.subscription === 'down');
  expect(dead).toHaveLength(1);
  expect(dead[0]).toMatchObject({ attempts: 3, reason: 'MaxDeliveryAttemptsExceeded', lastStatus: 500, event: { subject: 'aks-prod-eu-1' } });
  await control(emu, 'DELETE', '/eventgrid/subscriptions/down');

  received = [];
  await control(emu, 'POST', '/eventgrid/options', { duplicate: true, outOfOrder: true });
  await control(emu, 'POST', '/releases', { version: '1.33.7', regions: ['eastus'] });
  await settle();
  const subjects = received.map((r) => r.events[0].subject);
  const published = (await control(emu, 'GET', '/eventgrid/events?eventType=Microsoft.ContainerService.NewKubernetesVersionAvailable')).body.value
    .filter((e: Json) => e.data.latestSupportedKubernetesVersion === '1.33.7').map((e: Json) => e.subject);
  expect(published).toEqual(['aks-dev-1', 'aks-canary-1', 'aks-prod-us-1', 'aks-prod-us-2']);
  expect(subjects).toEqual(['aks-prod-us-2', 'aks-prod-us-2', 'aks-prod-us-1', 'aks-prod-us-1', 'aks-canary-1', 'aks-canary-1', 'aks-dev-1', 'aks-dev-1']);
  expect(new Set(received.map((r) => r.events[0].id)).size).toBe(4);
  await control(emu, 'POST', '/eventgrid/options', { duplicate: false, outOfOrder: false });
  await control(emu, 'DELETE', '/eventgrid/subscriptions/flaky');
});

it('fails deliveries through an eventgrid fault like an unreachable endpoint', async () => {
  await subscribe('faulted', '/faulted', ['Microsoft.ContainerService.NewKubernetesVersionAvailable']);
  await control(emu, 'POST', '/faults', { service: 'eventgrid', pathPattern: '^/faulted$', status: 503, times: 1 });
  await control(emu, 'POST', '/releases', { version: '1.33.8', regions: ['westeurope'] });
  await settle();
  const deliveries = (await control(emu, 'GET', '/eventgrid/deliveries')).body.value.filter((d: Json) => d.subscription === 'faulted');
  expect(deliveries.map((d: Json) => [d.attempt, d.status])).toEqual([[1, 503], [2, 200]]);
  expect(received).toHaveLength(1);
  await control(emu, 'DELETE', '/eventgrid/subscriptions/faulted');
});

it('performs the SubscriptionValidation handshake when a runtime subscription asks for it', async () => {
  const ok = await control(emu, 'POST', '/eventgrid/subscriptions', { name: 'checked', endpoint: `${endpoint}/validating`, validate: true });
  expect(ok.status).toBe(201);
  const refused = await control(emu, 'POST', '/eventgrid/subscriptions', { name: 'unchecked', endpoint: `${endpoint}/novalidation`, validate: true });
  expect([refused.status, refused.body.error.code]).toEqual([400, 'WebhookValidationFailed']);
  const names = (await control(emu, 'GET', '/eventgrid/subscriptions')).body.value.map((x: Json) => x.name);
  expect(names).toContain('checked');
  expect(names).not.toContain('unchecked');
  await control(emu, 'DELETE', '/eventgrid/subscriptions/checked');
});
