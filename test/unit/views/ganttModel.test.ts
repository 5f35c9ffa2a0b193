import { describe, expect, it } from 'vitest';
import { ganttModel } from '../../../src/views/ganttModel';
import { renderGantt } from '../../../src/views/renderGantt';
import { aRunDetail, aRunningRunDetail, CANARY_GATE_ID, FIXTURE_NOW, RUNNING_NOW } from '../../support/runDetailFixture';

const ms = (iso: string): number => Date.parse(iso);

describe('ganttModel', () => {
  it('has one row per stage, group and member, in run order', () => {
    const model = ganttModel(aRunDetail(), FIXTURE_NOW);
    expect(model.rows.map((row) => `${row.kind}:${row.path}`)).toEqual([
      'stage:dev', 'group:dev/dev-eu', 'member:dev/dev-eu/aks-dev-eu-1', 'member:dev/dev-eu/aks-dev-eu-2',
      'stage:canary', 'group:canary/canary-eu', 'member:canary/canary-eu/aks-canary-eu-1', 'member:canary/canary-eu/aks-canary-eu-2',
      'group:canary/canary-us', 'member:canary/canary-us/aks-canary-us-1',
      'stage:prod', 'group:prod/prod-eu', 'member:prod/prod-eu/aks-prod-eu-1', 'member:prod/prod-eu/aks-prod-eu-2',
      'group:prod/prod-us', 'member:prod/prod-us/aks-prod-us-1',
    ]);
    expect(model.rows.filter((row) => row.bar !== undefined)).toHaveLength(10);
  });

  it('spans first start to last end, stretched to now when the run ended moments ago', () => {
    const model = ganttModel(aRunDetail(), FIXTURE_NOW);
    expect(model.startMs).toBe(ms('2026-11-21T10:00:00Z'));
    expect(model.endMs).toBe(ms(FIXTURE_NOW));
    const weekLater = ganttModel(aRunDetail(), '2026-11-28T11:05:00Z');
    expect(weekLater.endMs).toBe(ms('2026-11-21T11:01:10Z'));
  });

  it('places gates: a completed gate at its completion, a still-open one at the end of what it gates', () => {
    const rows = ganttModel(aRunDetail(), FIXTURE_NOW).rows;
    const dev = rows.find((row) => row.path === 'dev');
    const canary = rows.find((row) => row.path === 'canary');
    expect(dev?.gates[0]?.atMs).toBe(ms('2026-11-21T10:25:10Z'));
    expect(dev?.gates[0]?.detail?.state.phase.name).toBe('Passed');
    expect(dev?.wait).toMatchObject({ startMs: ms('2026-11-21T10:25:10Z'), endMs: ms('2026-11-21T10:35:10Z'), seconds: 600 });
    expect(canary?.gates[0]?.atMs).toBe(ms('2026-11-21T11:01:10Z'));
    expect(canary?.gates[0]?.detail?.state.gate.gateId).toBe(CANARY_GATE_ID);
    // prod never started: its Before gate has no place on the axis.
    expect(rows.find((row) => row.path === 'prod')?.gates).toEqual([]);
  });

  it('matches a gate by displayName and place when the run status has no gate id yet', () => {
    const detail = aRunDetail();
    const stages = detail.run.stages.map((stage) => ({ ...stage, gates: stage.gates.map(({ gateId: _id, ...gate }) => gate) }));
    const rows = ganttModel({ ...detail, run: { ...detail.run, stages } }, FIXTURE_NOW).rows;
    expect(rows.find((row) => row.path === 'canary')?.gates[0]?.detail?.state.gate.gateId).toBe(CANARY_GATE_ID);
  });

  it('puts a Before gate of a group at the group start, and shows gates Conductor does not own by their Fleet state', () => {
    const detail = aRunDetail();
    const stages = detail.run.stages.map((stage) => stage.name !== 'canary' ? stage : {
      ...stage,
      groups: stage.groups.map((group) => group.name !== 'canary-us' ? group : {
        ...group,
        gates: [{ displayName: 'manual-check', timing: 'Before' as const, state: 'Completed', startTime: '2026-11-21T10:35:20.000Z' }],
      }),
    });
    const model = ganttModel({ ...detail, run: { ...detail.run, stages } }, FIXTURE_NOW);
    const gate = model.rows.find((row) => row.path === 'canary/canary-us')?.gates[0];
    expect(gate).toMatchObject({ displayName: 'manual-check', timing: 'Before', fleetState: 'Completed', atMs: ms('2026-11-21T10:35:20Z') });
    expect(gate?.detail).toBeUndefined();
    const svg = renderGantt({ ...detail, run: { ...detail.run, stages } }, FIXTURE_NOW).safeHtml;
    expect(svg).toContain('<g class="gate tone-foreign" data-gate="manual-check" data-phase="">');
    expect(svg).toContain('manual-check · Fleet Completed');
  });

  it('draws unfinished things up to now while the run is active', () => {
    const now = RUNNING_NOW;
    const model = ganttModel(aRunningRunDetail(), now);
    const member = model.rows.find((row) => row.path === 'canary/canary-eu/aks-canary-eu-2');
    expect(member?.bar).toEqual({ startMs: ms('2026-11-21T10:44:55Z'), endMs: ms(now), open: true });
    expect(model.rows.find((row) => row.path === 'canary')?.bar?.open).toBe(true);
    expect(model.endMs).toBe(ms(now));
  });
});
