import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAksEvent } from '../../../../src/domain/events/parseAksEvent';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/azure/eventgrid');
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-1';
/** The published samples with their placeholders filled in (ids are checked against their ARM patterns). */
const concrete = (event: unknown): unknown =>
  JSON.parse(
    JSON.stringify(event).replaceAll('{subscription-id}', '00000000-0000-0000-0000-000000000000').replaceAll('{resource-group}', 'rg-aks').replaceAll('{cluster}', 'aks-1'),
  ) as unknown;

function samples(): { file: string; event: unknown }[] {
  const out: { file: string; event: unknown }[] = [];
  for (const dir of ['EventGridSchema', 'CloudEventSchema', 'EventGridSchema/docs', 'CloudEventSchema/docs']) {
    for (const file of fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.startsWith('Microsoft.ContainerService.'))) {
      const parsed = JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8')) as unknown;
      for (const event of Array.isArray(parsed) ? parsed : [parsed]) out.push({ file: `${dir}/${file}`, event });
    }
  }
  return out;
}

const expected: Record<string, unknown> = {
  'EventGridSchema/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'newKubernetesVersion', clusterId: CLUSTER },
  'CloudEventSchema/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'newKubernetesVersion', clusterId: CLUSTER },
  'EventGridSchema/Microsoft.ContainerService.ClusterSupportEnding.json': { kind: 'supportEnding', clusterId: CLUSTER, kubernetesVersion: expect.any(String) },
  'CloudEventSchema/Microsoft.ContainerService.ClusterSupportEnding.json': { kind: 'supportEnding', clusterId: CLUSTER, kubernetesVersion: '1.24.10' },
  'EventGridSchema/Microsoft.ContainerService.ClusterSupportEnded.json': { kind: 'supportEnded', clusterId: CLUSTER },
  'CloudEventSchema/Microsoft.ContainerService.ClusterSupportEnded.json': { kind: 'supportEnded', clusterId: CLUSTER },
  // The docs samples' topic/source lack a slash ("resourceGroups<rg>"): not a cluster id, so it is ignored with the reason.
  'EventGridSchema/docs/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'ignored', reason: expect.stringContaining('no valid managed cluster id') },
  'CloudEventSchema/docs/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'ignored', reason: expect.stringContaining('no valid managed cluster id') },
};

describe('parseAksEvent', () => {
  it.each(samples())('handles the published sample $file', ({ file, event }) => {
    const parsed = parseAksEvent(concrete(event));
    if (file.includes('NodePoolRolling')) expect(parsed).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('not one Conductor acts on') });
    else expect(parsed).toMatchObject(expected[file] as object);
  });

  it.each([
    { name: 'a non-object', event: 42, reason: 'the event is not a JSON object' },
    { name: 'a support event without its version', event: { id: 'x', eventType: 'Microsoft.ContainerService.ClusterSupportEnded', topic: CLUSTER, data: {} }, reason: 'a support event without data.kubernetesVersion' },
  ])('ignores $name, saying why', ({ event, reason }) => {
    expect(parseAksEvent(event)).toEqual({ kind: 'ignored', reason });
  });
});

describe('parseAksEvent refuses hostile payload fields at the edge', () => {
  const support = (kubernetesVersion: unknown, topic: unknown = CLUSTER): unknown => ({ id: 'x', eventType: 'Microsoft.ContainerService.ClusterSupportEnding', topic, eventTime: '2026-11-21T10:00:00Z', data: { kubernetesVersion } });
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['a NUL', '1.33\u0000'],
    ['40 KB', `1.${'3'.repeat(40_000)}`],
    ['a pre-release suffix', '1.33.4-rc1'],
    ['padding', ' 1.33.4'],
  ])('a kubernetesVersion with %s is not a version: ignored, nothing stored', (_name, version) => {
    expect(parseAksEvent(support(version))).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('not a Kubernetes version') });
  });

  it('reads a real version, minor or full', () => {
    expect(parseAksEvent(support('1.33'))).toMatchObject({ kind: 'supportEnding', kubernetesVersion: '1.33' });
    expect(parseAksEvent(support('1.33.4'))).toMatchObject({ kind: 'supportEnding', kubernetesVersion: '1.33.4' });
  });

  it.each([
    ['a dot-dot cluster name', CLUSTER.replace('aks-1', '..')],
    ['a traversal in the resource group', CLUSTER.replace('rg-aks', '..')],
    ['a non-GUID subscription', CLUSTER.replace('00000000-0000-0000-0000-000000000000', 'sub')],
    ['a control character', `${CLUSTER}\n`],
  ])('a topic with %s is not a cluster id', (_name, topic) => {
    expect(parseAksEvent(support('1.33', topic))).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('no valid managed cluster id') });
  });
});
