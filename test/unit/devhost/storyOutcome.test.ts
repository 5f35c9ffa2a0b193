import { describe, expect, it } from 'vitest';
import { storyFailures } from '../../../devhost/story/storyOutcome';
import type { StoryGate, StoryRunDetail } from '../../../devhost/story/storyView';
import { renderStoryFrame } from '../../../devhost/story/renderStoryFrame';

function gate(stage: string, phase: string, failed = 0): StoryGate {
  return {
    state: {
      gate: { gateId: `g-${stage}`, policyId: `${stage}-health`, stage },
      phase: { name: phase },
      checks: [{ name: 'pods', phase: failed > 0 ? 'Failed' : 'Passed', successful: failed > 0 ? 0 : 2, failed, inconclusive: 0, errors: 0 }],
      history: phase === 'Failed' ? [{ at: 't', from: 'Checking', to: 'Failed', reason: 'CheckFailed' }] : [],
    },
    evidence: [{ measurement: 1, at: 't', evaluations: [] }],
  };
}

const member = (name: string, state: string) => ({ name, state });
const held: StoryRunDetail = {
  run: {
    runName: 'k8s-1-33-4',
    fleetName: 'fleet-demo',
    state: 'Stopped',
    target: { kind: 'kubernetes', version: '1.33.4' },
    stages: [
      { name: 'prod-eu', state: 'Stopped', gates: [{ displayName: 'conductor:prod-health', state: 'Pending' }], groups: [{ name: 'prod-eu', state: 'Completed', gates: [], members: [member('prod-westeurope-1', 'Completed')] }] },
      { name: 'prod-apac', state: 'NotStarted', gates: [], groups: [{ name: 'prod-apac', state: 'NotStarted', gates: [], members: [member('prod-australiaeast-1', 'NotStarted')] }] },
    ],
  },
  gates: [gate('dev', 'Passed'), gate('canary', 'Passed'), gate('prod-us', 'Passed'), gate('prod-eu', 'Failed', 1)],
  events: [{ at: 't', kind: 'ApprovalDecision', actor: 'dev.operator@contoso.example', data: { decision: 'approve' } }],
};

const euPassedOnRetry: StoryGate = (() => {
  const g = gate('prod-eu', 'Passed');
  return { ...g, state: { ...g.state, attempt: 2, previousAttempts: [{ attempt: 1, endedPhase: 'Failed', rearmedBy: 'dev.operator@contoso.example' }] } };
})();
const resumed: StoryRunDetail = {
  ...held,
  run: {
    ...held.run,
    state: 'Completed',
    stages: held.run.stages.map((s) => ({ ...s, state: 'Completed', groups: s.groups.map((g) => ({ ...g, state: 'Completed', members: g.members.map((m) => ({ ...m, state: 'Completed' })) })) })),
  },
  gates: [gate('dev', 'Passed'), gate('canary', 'Passed'), gate('prod-us', 'Passed'), euPassedOnRetry],
  events: [...held.events, { at: 't2', kind: 'RunResumed', actor: 'dev.operator@contoso.example', message: 'resumed' }],
};

describe('the story outcome', () => {
  it('holds for the expected run: stopped by the failed gate, then resumed once by a named operator to Completed', () => {
    expect(storyFailures(held, resumed, { teamsCards: 1, stopRequests: 2 })).toEqual([]);
  });

  it('names each expectation of the resume that did not hold', () => {
    const twice = { ...resumed, events: [...resumed.events, { at: 't3', kind: 'RunResumed', actor: 'dev.operator@contoso.example' }] };
    expect(storyFailures(held, twice, { teamsCards: 1, stopRequests: 2 })).toEqual(['a named operator resumed the run once (dev.operator@contoso.example, dev.operator@contoso.example)']);
    const anonymous = { ...resumed, events: [...held.events, { at: 't2', kind: 'RunResumed' }] };
    expect(storyFailures(held, anonymous, { teamsCards: 1, stopRequests: 2 })).toEqual(['a named operator resumed the run once (nobody)']);
    // No resume: the run stayed stopped, the gate stayed Failed on its first attempt, prod-apac never upgraded.
    expect(storyFailures(held, held, { teamsCards: 1, stopRequests: 2 })).toEqual([
      'a named operator resumed the run once (no resume recorded)',
      'the resumed run completed (it is Stopped)',
      'the re-armed prod-eu gate passed (it is Failed)',
      'the prod-eu gate passed on its second attempt (attempt 1)',
      "the prod-eu gate's first attempt is kept as Failed (none kept)",
      'prod-australiaeast-1 was upgraded after the resume (NotStarted)',
    ]);
    expect(storyFailures(held, undefined, { teamsCards: 1, stopRequests: 2 })).toEqual(['the run was observed after the resume']);
  });

  it('names each expectation that did not hold', () => {
    const completed: StoryRunDetail = { ...held, run: { ...held.run, state: 'Completed' }, gates: [gate('dev', 'Passed'), gate('canary', 'Passed'), gate('prod-us', 'Passed'), gate('prod-eu', 'Passed')], events: [] };
    expect(storyFailures(completed, resumed, { teamsCards: 2, stopRequests: 0 })).toEqual([
      'production was approved once, on the canary gate (no decision recorded)',
      'exactly one approval card reached Teams (2 did)',
      'the prod-eu gate failed (it is Passed)',
      'a check of the failed gate saw the unhealthy cluster',
      'the run was stopped (it is Completed)',
      'the prod-eu gate decided to fail once (0 times)',
      'Conductor asked Fleet to stop the run',
    ]);
    expect(storyFailures(undefined, undefined, { teamsCards: 0, stopRequests: 0 })).toEqual(['Conductor created and started a run for Kubernetes 1.33.4']);
  });

  it('draws the run tree, gate verdicts, URLs and the latest story lines', () => {
    const frame = renderStoryFrame({ now: '2026-11-21T09:04:00.000Z', speed: 60, urls: { api: 'http://h/api', emulator: 'https://e' }, logFile: '/tmp/x.log', detail: held, narration: ['a', 'b'] });
    expect(frame).toContain('virtual time 2026-11-21 09:04:00 UTC');
    expect(frame).toContain('Run k8s-1-33-4 → Kubernetes 1.33.4   ■ Stopped');
    expect(frame).toContain('gate prod-eu-health: ✘ Failed [pods ✘ 0/1]');
    expect(frame).toContain('Details:       /tmp/x.log');
  });
});
