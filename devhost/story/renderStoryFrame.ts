import { gateAfter, type StoryGate, type StoryRunDetail } from './storyView';

export interface StoryFrame {
  /** Virtual time of the world (ISO). */
  readonly now: string;
  readonly speed: number;
  readonly urls: { readonly api: string; readonly emulator: string; readonly console?: string; readonly run?: string; readonly approval?: string };
  readonly logFile: string;
  readonly detail: StoryRunDetail | undefined;
  /** The latest lines of the story, oldest first. */
  readonly narration: readonly string[];
}

const MARK: Readonly<Record<string, string>> = {
  Completed: '✔', Passed: '✔', Succeeded: '✔', Running: '▶', Pending: '…', Soaking: '…', Checking: '…', AwaitingApproval: '?',
  Approving: '…', NotStarted: '·', Stopped: '■', Stopping: '■', Failed: '✘', Skipped: '↷', Rejected: '✘', Expired: '✘', Inconclusive: '?',
};
const mark = (state: string): string => MARK[state] ?? ' ';

function gateLine(gate: StoryGate | undefined, fallback: string): string {
  if (!gate) return `gate ${fallback}: not reached`;
  const { phase, checks, gate: id } = gate.state;
  const verdicts = checks.map((c) => `${c.name} ${c.failed > 0 ? '✘' : c.phase === 'Passed' || c.successful > 0 ? '✔' : '…'}${c.successful + c.failed + c.inconclusive > 0 ? ` ${c.successful}/${c.successful + c.failed + c.inconclusive}` : ''}`);
  const approval = gate.state.approval ? ` · approval requested ${gate.state.approval.requestedAt.slice(11, 16)}` : '';
  return `gate ${id.policyId}: ${mark(phase.name)} ${phase.name}${verdicts.length > 0 ? ` [${verdicts.join(', ')}]` : ''}${approval}`;
}

/** One screen of the live view: where the world is, the run's tree with gates, the story so far and the URLs. */
export function renderStoryFrame(frame: StoryFrame): string {
  const lines: string[] = [];
  lines.push(`Fleet Conductor — local world   virtual time ${frame.now.replace('T', ' ').slice(0, 19)} UTC   speed ${frame.speed}×`);
  lines.push(`API ${frame.urls.api}   emulator ${frame.urls.emulator}`);
  lines.push('');
  const detail = frame.detail;
  if (!detail) lines.push('No update run yet.');
  else {
    const run = detail.run;
    lines.push(`Run ${run.runName} → Kubernetes ${run.target?.version ?? '?'}   ${mark(run.state)} ${run.state}`);
    for (const stage of run.stages) {
      lines.push(`  ${mark(stage.state)} stage ${stage.name} (${stage.state})`);
      for (const group of stage.groups) {
        const members = group.members.map((m) => `${mark(m.state)} ${m.name}`).join('  ');
        lines.push(`      group ${group.name}: ${members || '(no members)'}`);
      }
      if (stage.gates.length > 0) lines.push(`      ${gateLine(gateAfter(detail, stage.name), (stage.gates[0]?.displayName ?? '').replace(/^conductor:/, ''))}`);
    }
  }
  lines.push('');
  if (frame.urls.console) lines.push(`Console:       ${frame.urls.console}`);
  if (frame.urls.run) lines.push(`Run page:      ${frame.urls.run}`);
  if (frame.urls.approval) lines.push(`Approval page: ${frame.urls.approval}`);
  lines.push(`Details:       ${frame.logFile}`);
  lines.push('');
  for (const line of frame.narration.slice(-6)) lines.push(`  ${line}`);
  lines.push('');
  lines.push('Ctrl-C stops everything.');
  return lines.join('\n');
}
