import { describe, expect, it } from 'vitest';
import type { FleetView } from '../../../src/app/fleets/fleetView';
import { consoleLinks } from '../../../src/views/consoleLinks';
import { renderFleetPage } from '../../../src/views/renderFleetPage';

const fleet: FleetView = {
  name: 'fleet-demo',
  fleetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-demo',
  strategy: 'conductor',
  members: [],
  versions: { '1.33.2': 3 },
  drift: false,
  alerts: [],
  unknownMembers: [],
};
const page = (f: FleetView): string => renderFleetPage({ fleet: f, fleets: [f.name], runs: [], now: '2026-12-06T10:00:00.000Z' });

describe('fleet console page', () => {
  it('given a held run, shows the fleet blocked: the run, why, since when, and the actions that unblock it', () => {
    const html = page({
      ...fleet,
      blocked: { run: 'k8s-1-33-4', gateId: 'g-1', since: '2026-12-06T09:00:00.000Z', cause: 'GateFailed', why: 'a health gate failed <script>', actions: ['resume', 'abandon'] },
    });
    expect(html).toContain('id="blocked"');
    expect(html).toContain('GateFailed');
    expect(html).toContain(`href="${consoleLinks.run('fleet-demo', 'k8s-1-33-4')}"`);
    expect(html).toContain('POST /api/runs/fleet-demo/k8s-1-33-4/resume');
    expect(html).toContain('POST /api/runs/fleet-demo/k8s-1-33-4/abandon');
    expect(html).toContain('a health gate failed &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('given a paused fleet, says who paused it and why; given neither, shows no such panel', () => {
    expect(page({ ...fleet, paused: { fleetId: fleet.fleetId, at: '2026-12-06T09:30:00.000Z', by: 'ops@contoso.example', reason: 'incident 42' } })).toMatch(/id="paused"[\s\S]*ops@contoso\.example[\s\S]*incident 42/);
    const plain = page(fleet);
    expect(plain).not.toContain('id="blocked"');
    expect(plain).not.toContain('id="paused"');
  });
});
