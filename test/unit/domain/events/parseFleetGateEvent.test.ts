import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFleetGateEvent } from '../../../../src/domain/events/parseFleetGateEvent';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/azure/eventgrid');

function samples(): { file: string; event: unknown }[] {
  const out: { file: string; event: unknown }[] = [];
  for (const schema of ['EventGridSchema', 'CloudEventSchema']) {
    for (const dir of [schema, `${schema}/docs`]) {
      for (const file of fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.includes('FleetGate'))) {
        const parsed = JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8')) as unknown;
        for (const event of Array.isArray(parsed) ? parsed : [parsed]) out.push({ file: `${dir}/${file}`, event });
      }
    }
  }
  return out;
}

describe('parseFleetGateEvent', () => {
  const all = samples();

  it('finds the published gate samples in both schemas', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.some((s) => s.file.startsWith('CloudEventSchema'))).toBe(true);
  });

  // The published samples carry placeholders ({subscription-id}, xxxxxxxxxx) and some gate "GUIDs" with letters past
  // f: with the placeholders filled in, a sample whose gate name is a GUID is read, the others are ignored (ids are
  // checked against their ARM patterns before any ARM call).
  const concrete = (event: unknown): unknown =>
    JSON.parse(
      JSON.stringify(event)
        .replaceAll('{subscription-id}', '00000000-0000-0000-0000-000000000000')
        .replaceAll('xxxxxxxxxx', '00000000-0000-0000-0000-000000000000')
        .replaceAll('{rg-name}', 'rg')
        .replaceAll('{fleet-name}', 'fleet-1'),
    ) as unknown;
  it.each(all)('reads the gate out of the published sample $file', ({ file, event }) => {
    const parsed = parseFleetGateEvent(concrete(event));
    const gateName = /\/gates\/([^/"]+)/.exec(JSON.stringify(event))?.[1] ?? '';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(gateName)) {
      expect(parsed).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('no valid gate resource id') });
      return;
    }
    expect(parsed.kind).toBe('gate');
    if (parsed.kind !== 'gate') return;
    expect(parsed.fleetId).toMatch(/\/providers\/Microsoft\.ContainerService\/fleets\/[^/]+$/);
    expect(parsed.gateId).not.toContain('/');
    expect(file.toLowerCase()).toContain(`fleetgate${parsed.change.toLowerCase()}`);
  });

  const base = {
    id: 'e1',
    subject: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f1/gates/ABCDEF01-0000-0000-0000-000000000000',
    data: {},
  };
  it.each([
    { name: 'the documented casing', event: { ...base, eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated' }, change: 'Updated' },
    { name: 'lower case', event: { ...base, eventType: 'microsoft.resourcenotifications.aksresources.fleetgatedeleted' }, change: 'Deleted' },
    { name: 'a CloudEvent', event: { ...base, type: 'Microsoft.ResourceNotifications.AksResources.FleetGateCreated', specversion: '1.0' }, change: 'Created' },
  ])('matches the event type case-insensitively: $name', ({ event, change }) => {
    expect(parseFleetGateEvent(event)).toEqual({
      kind: 'gate',
      change,
      fleetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f1',
      gateId: 'abcdef01-0000-0000-0000-000000000000',
      eventId: 'e1',
    });
  });

  it.each([
    { name: 'a non-object', event: 'x', reason: 'the event is not a JSON object' },
    { name: 'an AKS event', event: { ...base, eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable' }, reason: 'event type Microsoft.ContainerService.NewKubernetesVersionAvailable is not a Fleet gate event' },
    { name: 'a gate event without an id', event: { id: 'x', eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', subject: '/subscriptions/s', data: {} }, reason: 'no valid gate resource id in the event ("/subscriptions/s")' },
    { name: 'an event without a type', event: { id: 'x' }, reason: 'the event has no eventType/type' },
  ])('ignores $name, saying why', ({ event, reason }) => {
    expect(parseFleetGateEvent(event)).toEqual({ kind: 'ignored', reason });
  });
});

describe('parseFleetGateEvent checks every id segment before any ARM call', () => {
  const FLEET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f1';
  const event = (subject: string): unknown => ({ id: 'e', eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated', subject, data: {} });
  it.each([
    ['a dot-dot gate name (would fetch the fleet itself)', `${FLEET}/gates/..`],
    ['a non-GUID gate name', `${FLEET}/gates/not-a-guid`],
    ['a dot-dot fleet name', FLEET.replace('fleets/f1', 'fleets/..') + '/gates/abcdef01-0000-0000-0000-000000000000'],
    ['an encoded slash', `${FLEET}/gates/abcdef01-0000-0000-0000-000000000000%2F..`],
    ['a query string', `${FLEET}/gates/abcdef01-0000-0000-0000-000000000000?api-version=x`],
  ])('ignores %s', (_name, subject) => {
    expect(parseFleetGateEvent(event(subject))).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('no valid gate resource id') });
  });
});
