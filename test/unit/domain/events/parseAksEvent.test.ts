import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAksEvent } from '../../../../src/domain/events/parseAksEvent';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/azure/eventgrid');
const CLUSTER = '/subscriptions/{subscription-id}/resourceGroups/{resource-group}/providers/Microsoft.ContainerService/managedClusters/{cluster}';

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
  'EventGridSchema/docs/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'ignored', reason: expect.stringContaining('no managed cluster id') },
  'CloudEventSchema/docs/Microsoft.ContainerService.NewKubernetesVersionAvailable.json': { kind: 'ignored', reason: expect.stringContaining('no managed cluster id') },
};

describe('parseAksEvent', () => {
  it.each(samples())('handles the published sample $file', ({ file, event }) => {
    const parsed = parseAksEvent(event);
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
