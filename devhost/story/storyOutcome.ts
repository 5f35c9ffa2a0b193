import { gateAfter, members, type StoryRunDetail } from './storyView';

/** What the sinks and the emulator saw during the story, besides the run itself. */
export interface StoryWitness {
  /** Teams cards the sink accepted. */
  readonly teamsCards: number;
  /** Stop requests Fleet received for the run (from the emulator's request log; re-sent until observed). */
  readonly stopRequests: number;
}

/**
 * The story's expected outcome, each as a sentence; returns the sentences that did not hold. The story: dev and
 * canary pass their gates, production is approved once, prod-us passes, prod-eu's cluster crash-loops after its
 * upgrade, its gate fails with evidence, and Conductor stops the run once, before prod-apac (read on `detail`, the
 * run as observed stopped). Then a named operator heals the cluster and resumes once: the prod-eu gate is re-armed
 * and passes on its second attempt, and the run completes with prod-apac upgraded (read on `final`).
 */
export function storyFailures(detail: StoryRunDetail | undefined, final: StoryRunDetail | undefined, witness: StoryWitness): string[] {
  if (!detail) return ['Conductor created and started a run for Kubernetes 1.33.4'];
  const failures: string[] = [];
  const expect = (held: boolean, sentence: string): void => {
    if (!held) failures.push(sentence);
  };
  const phase = (stage: string): string => gateAfter(detail, stage)?.state.phase.name ?? 'not reached';
  expect(detail.run.target?.kind === 'kubernetes' && detail.run.target.version === '1.33.4', `the run targets Kubernetes 1.33.4 (it targets ${detail.run.target?.version ?? 'nothing'})`);
  expect(phase('dev') === 'Passed', `the dev gate passed (it is ${phase('dev')})`);
  expect(phase('canary') === 'Passed', `the canary gate passed (it is ${phase('canary')})`);
  const decisions = detail.events.filter((e) => e.kind === 'ApprovalDecision');
  expect(
    decisions.length === 1 && decisions[0]?.data?.decision === 'approve',
    `production was approved once, on the canary gate (${decisions.map((d) => `${d.actor ?? '?'}: ${String(d.data?.decision)}`).join(', ') || 'no decision recorded'})`,
  );
  expect(witness.teamsCards === 1, `exactly one approval card reached Teams (${witness.teamsCards} did)`);
  expect(phase('prod-us') === 'Passed', `the prod-us gate passed (it is ${phase('prod-us')})`);
  const eu = gateAfter(detail, 'prod-eu');
  expect(phase('prod-eu') === 'Failed', `the prod-eu gate failed (it is ${phase('prod-eu')})`);
  expect((eu?.evidence.length ?? 0) > 0, 'the failed gate kept its evidence');
  expect((eu?.state.checks ?? []).some((c) => c.failed > 0), 'a check of the failed gate saw the unhealthy cluster');
  expect(detail.run.state === 'Stopped', `the run was stopped (it is ${detail.run.state})`);
  // The stop is decided once (one transition to Failed); the command itself is re-sent until Fleet shows the run
  // stopping (idempotent, docs/design.md §4), so Fleet may see it more than once.
  const toFailed = (eu?.state.history ?? []).filter((h) => h.to === 'Failed').length;
  expect(toFailed === 1, `the prod-eu gate decided to fail once (${toFailed} times)`);
  expect(witness.stopRequests >= 1, 'Conductor asked Fleet to stop the run');
  const byName = new Map(members(detail).map((m) => [m.name, m.state]));
  expect(byName.get('prod-westeurope-1') === 'Completed', `prod-westeurope-1 was upgraded before it turned unhealthy (${byName.get('prod-westeurope-1') ?? 'absent'})`);
  expect(byName.get('prod-australiaeast-1') === 'NotStarted', `prod-australiaeast-1 was not upgraded before the resume (${byName.get('prod-australiaeast-1') ?? 'absent'})`);
  return [...failures, ...resumeFailures(final)];
}

/** The operator's resume: once, by a named person; the failed gate re-armed and passed on its second attempt. */
function resumeFailures(final: StoryRunDetail | undefined): string[] {
  if (!final) return ['the run was observed after the resume'];
  const failures: string[] = [];
  const expect = (held: boolean, sentence: string): void => {
    if (!held) failures.push(sentence);
  };
  const resumes = final.events.filter((e) => e.kind === 'RunResumed');
  const by = resumes[0]?.actor;
  expect(resumes.length === 1 && typeof by === 'string' && by.includes('@'), `a named operator resumed the run once (${resumes.map((r) => r.actor ?? 'nobody').join(', ') || 'no resume recorded'})`);
  expect(final.run.state === 'Completed', `the resumed run completed (it is ${final.run.state})`);
  const eu = gateAfter(final, 'prod-eu');
  expect(eu?.state.phase.name === 'Passed', `the re-armed prod-eu gate passed (it is ${eu?.state.phase.name ?? 'not reached'})`);
  expect(eu?.state.attempt === 2, `the prod-eu gate passed on its second attempt (attempt ${eu?.state.attempt ?? 1})`);
  expect(eu?.state.previousAttempts?.[0]?.endedPhase === 'Failed', `the prod-eu gate's first attempt is kept as Failed (${eu?.state.previousAttempts?.[0]?.endedPhase ?? 'none kept'})`);
  const apac = members(final).find((m) => m.name === 'prod-australiaeast-1')?.state;
  expect(apac === 'Completed', `prod-australiaeast-1 was upgraded after the resume (${apac ?? 'absent'})`);
  return failures;
}
