import type { RunSnapshot, StatusTimes } from '../../domain/history/runSnapshot';
import type { AuditEvent } from '../../ports';
import type { GateDetail, TimelineEntry } from './runDetail';

function spans(scope: string, subject: string, t: StatusTimes): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (t.startTime) out.push({ at: t.startTime, scope, subject, what: 'started' });
  if (t.completedTime) out.push({ at: t.completedTime, scope, subject, what: t.state });
  return out;
}

/** Every dated fact of a run in time order: Fleet's status times, Conductor's gate decisions, the audit trail. */
export function buildTimeline(run: RunSnapshot, gates: readonly GateDetail[], events: readonly AuditEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [...spans('run', run.runName, run)];
  for (const s of run.stages) {
    entries.push(...spans('stage', s.name, s));
    if (s.afterStageWait) entries.push(...spans('stage', `${s.name} (after-stage wait)`, s.afterStageWait));
    for (const g of s.groups) {
      entries.push(...spans('group', `${s.name}/${g.name}`, g));
      for (const m of g.members) entries.push(...spans('member', `${s.name}/${g.name}/${m.name}`, m));
    }
  }
  for (const gate of gates) {
    for (const h of gate.state.history) entries.push({ at: h.at, scope: 'gate', subject: gate.state.gate.displayName, what: `${h.from} → ${h.to} (${h.reason})` });
  }
  for (const e of events) if (!e.gateId) entries.push({ at: e.at, scope: 'audit', subject: e.kind, what: e.message });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
