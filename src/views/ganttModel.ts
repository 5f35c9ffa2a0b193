import type { GateDetail, RunDetail } from '../app/history/runDetail';
import type { GateEntrySnapshot, StatusTimes } from '../domain/history/runSnapshot';
import { parseTime } from './formatTime';
import { matchGate } from './matchGate';
import { isTerminal } from '../domain/runs/fleetRunState';

/** A time interval on the chart. `open` means it had no completedTime and was drawn up to the open end. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
  readonly open: boolean;
}

export interface GateMarker {
  readonly displayName: string;
  readonly timing: 'Before' | 'After';
  /** Where the diamond sits: the gate's completion, else the end (After) or start (Before) of what it gates. */
  readonly atMs: number;
  /** How long Fleet held at the gate (reached → completed), when known. */
  readonly held?: Interval;
  readonly fleetState: string;
  /** Conductor's record, when the gate is one of Conductor's. */
  readonly detail?: GateDetail;
}

export interface GanttRow {
  readonly kind: 'stage' | 'group' | 'member';
  readonly name: string;
  /** `stage`, `stage/group`, `stage/group/member`: unique within the run. */
  readonly path: string;
  readonly state: string;
  readonly bar?: Interval;
  /** The after-stage wait (stage rows only). */
  readonly wait?: Interval & { readonly seconds?: number };
  readonly gates: readonly GateMarker[];
  /** A member's message or error, shown in its tooltip. */
  readonly note?: string;
}

export interface GanttModel {
  readonly rows: readonly GanttRow[];
  readonly startMs: number;
  readonly endMs: number;
  readonly nowMs: number;
}

/** How far past the run's end (as a fraction of its span) the axis stretches to show the "now" line. */
const NOW_REACH = 0.25;

/**
 * Rows and time span of the run's Gantt chart. Things without a completedTime end at `now` while the run is
 * active; once the run is terminal they end where the run ended (or was last observed), so looking at an old
 * run a week later does not stretch its axis to today.
 */
export function ganttModel(detail: RunDetail, now: string): GanttModel {
  const run = detail.run;
  const nowMs = parseTime(now) ?? parseTime(run.observedAt) ?? 0;
  const openEndMs = isTerminal(run.state)
    ? (parseTime(run.completedTime) ?? parseTime(run.observedAt) ?? nowMs)
    : nowMs;
  const interval = (times: StatusTimes | undefined): Interval | undefined => intervalOf(times, openEndMs);
  const rows: GanttRow[] = [];
  for (const stage of run.stages) {
    const stageBar = interval(stage);
    const wait = interval(stage.afterStageWait);
    rows.push({
      kind: 'stage',
      name: stage.name,
      path: stage.name,
      state: stage.state,
      ...(stageBar === undefined ? {} : { bar: stageBar }),
      ...(wait === undefined ? {} : { wait: { ...wait, seconds: stage.afterStageWait?.waitDurationInSeconds } }),
      gates: markers(detail.gates, stage.gates, stage.name, undefined, stageBar, openEndMs),
    });
    for (const group of stage.groups) {
      const groupBar = interval(group);
      rows.push({
        kind: 'group',
        name: group.name,
        path: `${stage.name}/${group.name}`,
        state: group.state,
        ...(groupBar === undefined ? {} : { bar: groupBar }),
        gates: markers(detail.gates, group.gates, stage.name, group.name, groupBar, openEndMs),
      });
      for (const member of group.members) {
        const memberBar = interval(member);
        const note = member.error?.message ?? member.message;
        rows.push({
          kind: 'member',
          name: member.name,
          path: `${stage.name}/${group.name}/${member.name}`,
          state: member.state,
          ...(memberBar === undefined ? {} : { bar: memberBar }),
          gates: [],
          ...(note === undefined ? {} : { note }),
        });
      }
    }
  }
  const [startMs, endMs] = span(rows, parseTime(run.createdAt) ?? nowMs, openEndMs);
  // A run that ended a moment ago still shows where "now" is; one that ended long ago keeps its own scale.
  const nowIsClose = nowMs > endMs && nowMs - endMs <= NOW_REACH * (endMs - startMs);
  return { rows, startMs, endMs: nowIsClose ? nowMs : endMs, nowMs };
}

function intervalOf(times: StatusTimes | undefined, openEndMs: number): Interval | undefined {
  const startMs = parseTime(times?.startTime);
  if (startMs === undefined) return undefined;
  const completedMs = parseTime(times?.completedTime);
  return { startMs, endMs: Math.max(startMs, completedMs ?? openEndMs), open: completedMs === undefined };
}

function markers(
  gates: readonly GateDetail[],
  entries: readonly GateEntrySnapshot[],
  stage: string,
  group: string | undefined,
  parent: Interval | undefined,
  openEndMs: number,
): GateMarker[] {
  const out: GateMarker[] = [];
  for (const entry of entries) {
    const held = intervalOf(entry, openEndMs);
    const fallback = entry.timing === 'Before' ? parent?.startMs : parent?.endMs;
    const atMs = held === undefined || held.open ? (fallback ?? held?.endMs) : held.endMs;
    // A gate of a stage that never started has no place on the time axis; the gate sections list it anyway.
    if (atMs === undefined) continue;
    const detail = matchGate(gates, entry, stage, group);
    out.push({
      displayName: entry.displayName,
      timing: entry.timing,
      atMs,
      ...(held === undefined ? {} : { held }),
      fleetState: entry.state,
      ...(detail === undefined ? {} : { detail }),
    });
  }
  return out;
}

function span(rows: readonly GanttRow[], createdMs: number, openEndMs: number): [number, number] {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const row of rows) {
    for (const part of [row.bar, row.wait, ...row.gates.map((gate) => gate.held)]) {
      if (part === undefined) continue;
      starts.push(part.startMs);
      ends.push(part.endMs);
    }
    ends.push(...row.gates.map((gate) => gate.atMs));
  }
  if (starts.length === 0) return [createdMs, Math.max(createdMs, openEndMs)];
  return [Math.min(...starts), Math.max(...ends)];
}
