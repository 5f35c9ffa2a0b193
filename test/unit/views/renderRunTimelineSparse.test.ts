import { describe, expect, it } from 'vitest';
import type { GateDetail, RunDetail } from '../../../src/app/history/runDetail';
import { renderRunTimeline } from '../../../src/views/renderRunTimeline';
import { aRunDetail, aRunningRunDetail, FIXTURE_NOW, RUNNING_NOW } from '../../support/runDetailFixture';

/** A run Fleet created on its own (no Conductor creation record), not started, nothing recorded. */
function bareRun(): RunDetail {
  const { creation: _creation, ...detail } = aRunDetail();
  const { startTime: _start, completedTime: _end, ...run } = detail.run;
  return {
    ...detail,
    run: { ...run, state: 'NotStarted', createdBy: 'auto-upgrade-profile:nightly', target: { kind: 'nodeimage', version: '202511.02.0' }, stages: [] },
    gates: [],
    events: [],
    timeline: [],
  };
}

describe('renderRunTimeline with little or unusual data', () => {
  it('renders empty states instead of empty tables', () => {
    const page = renderRunTimeline(bareRun(), { now: FIXTURE_NOW });
    expect(page).toContain('Node image 202511.02.0');
    expect(page).toContain('auto-upgrade-profile:nightly');
    expect(page).toContain('not created by Conductor (no trigger recorded)');
    expect(page).toContain('The run has no stages yet.');
    expect(page).toContain('No Conductor gates recorded for this run.');
    expect(page).toContain('No approvals recorded.');
    expect(page).toContain('No audit events recorded.');
    expect(page).toContain('Nothing recorded yet.');
    expect(page).not.toContain('<table');
  });

  it('shows a gate still soaking, with a pending command, excluded and failed members, and a failed query', () => {
    const detail = aRunningRunDetail();
    const dev = detail.gates[0];
    if (dev === undefined) throw new Error('fixture has the dev gate');
    const evaluation = dev.evidence[0]?.evaluations[0];
    if (evaluation === undefined) throw new Error('fixture has an evaluation');
    const soaking: GateDetail = {
      state: {
        ...dev.state,
        phase: { name: 'Soaking', until: '2026-11-21T10:58:00.000Z' },
        checks: [],
        excludedMembers: [{ memberName: 'aks-dev-eu-3', state: 'Skipped', reason: 'MemberSkipped' }],
        failedMembers: [{ memberName: 'aks-dev-eu-4' }],
        pendingCommand: { action: { kind: 'completeFleetGate', gate: { fleetId: dev.state.gate.fleetId, runName: dev.state.gate.runName, gateId: dev.state.gate.gateId } }, sentAt: '2026-11-21T10:52:00.000Z' },
        history: [],
      },
      evidence: [{
        ...dev.evidence[0]!,
        evaluations: [{ ...evaluation, outcome: 'Error', reason: 'QueryFailed', perCluster: [], evidence: { ...evaluation.evidence, rows: [], error: { code: 'Throttled', message: 'Too many requests' } } }],
      }],
    };
    const page = renderRunTimeline({ ...detail, gates: [soaking] }, { now: RUNNING_NOW });
    expect(page).toContain('Soaking until 2026-11-21 10:58:00 UTC');
    expect(page).toContain('Waiting for Fleet to confirm <code>completeFleetGate</code>, sent 2026-11-21 10:52:00 UTC.');
    expect(page).toContain('<td>aks-dev-eu-3</td><td><span class="muted">—</span></td><td>Skipped</td><td>no: MemberSkipped</td>');
    expect(page).toContain('<td>aks-dev-eu-4</td><td><span class="muted">—</span></td><td>Failed</td><td>no: member upgrade failed</td>');
    expect(page).toContain('No transitions yet.');
    expect(page).toContain('No checks measured yet.');
    expect(page).toContain('<details class="evaluation tone-warn" open>');
    expect(page).toContain('Query error Throttled: Too many requests');
    expect(page).toContain('No per-cluster verdicts.');
    expect(page).toContain('No rows returned.');
    // The gate is on the dev row with its phase.
    expect(page).toContain('data-gate="conductor:dev-health" data-phase="Soaking"');
  });

  it('keeps unparsable times visible as text and still draws the rest', () => {
    const detail = aRunDetail();
    const [dev, ...rest] = detail.run.stages;
    if (dev === undefined) throw new Error('fixture has stages');
    const page = renderRunTimeline({ ...detail, run: { ...detail.run, stages: [{ ...dev, startTime: 'not-a-time' }, ...rest] } }, { now: FIXTURE_NOW });
    expect(page).toContain('<text class="not-started"');
    expect(page).toMatch(/<rect class="bar state-stopped" data-kind="stage"/);
  });
});
