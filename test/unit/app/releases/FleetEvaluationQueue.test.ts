import { describe, expect, it } from 'vitest';
import { FleetEvaluationQueue } from '../../../../src/app/releases/FleetEvaluationQueue';
import type { ReleaseTrigger } from '../../../../src/app/releases/releaseEvaluation';

describe('FleetEvaluationQueue', () => {
  it('without a window (and for polls): a burst becomes the running evaluation plus ONE follow-up carrying every event id', async () => {
    const calls: { fleet: string; trigger: ReleaseTrigger }[] = [];
    let release: () => void = () => undefined;
    const queue = new FleetEvaluationQueue<number>((fleet, trigger) => {
      calls.push({ fleet, trigger: { kind: trigger.kind, eventIds: [...trigger.eventIds] } });
      return calls.length === 1 ? new Promise<number>((resolve) => (release = () => resolve(1))) : Promise.resolve(calls.length);
    });
    const results = [queue.request('f1', { kind: 'event', eventIds: ['e0'] }, undefined)];
    for (let i = 1; i < 1000; i++) results.push(queue.request('f1', { kind: 'event', eventIds: [`e${i}`] }, undefined));
    release();
    const values = await Promise.all(results);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.trigger.eventIds).toHaveLength(999);
    expect(new Set(values)).toEqual(new Set([1, 2]));
    // once idle, the next request starts a fresh evaluation
    await queue.request('f1', { kind: 'poll', eventIds: [] }, undefined);
    expect(calls).toHaveLength(3);
  });

  it('with a window: a burst of AKS events is ONE evaluation per fleet per window, carrying every event id', async () => {
    const clock = { ms: Date.parse('2026-11-21T10:00:00Z'), nowIso: () => new Date(clock.ms).toISOString() };
    const calls: { fleet: string; trigger: ReleaseTrigger }[] = [];
    let release: () => void = () => undefined;
    const queue = new FleetEvaluationQueue<number>(
      (fleet, trigger) => {
        calls.push({ fleet, trigger });
        return calls.length === 1 ? new Promise<number>((resolve) => (release = () => resolve(1))) : Promise.resolve(calls.length);
      },
      { clock, windowSeconds: 60 },
    );
    const results = [queue.request('f1', { kind: 'event', eventIds: ['e0'] }, undefined)];
    for (let i = 1; i < 1000; i++) results.push(queue.request('f1', { kind: 'event', eventIds: [`e${i}`] }, undefined));
    release();
    expect(new Set(await Promise.all(results))).toEqual(new Set([1]));
    // Later in the same window: answered by that evaluation, none started.
    clock.ms += 59_000;
    expect(await queue.request('f1', { kind: 'event', eventIds: ['late'] }, undefined)).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.trigger.eventIds).toHaveLength(1000);
    // Another fleet has its own window; the next window evaluates again; a poll always evaluates.
    expect(await queue.request('f2', { kind: 'event', eventIds: ['x'] }, undefined)).toBe(2);
    clock.ms += 1_000;
    expect(await queue.request('f1', { kind: 'event', eventIds: ['next-window'] }, undefined)).toBe(3);
    expect(await queue.request('f1', { kind: 'poll', eventIds: [] }, undefined)).toBe(4);
    expect(calls.map((c) => c.fleet)).toEqual(['f1', 'f2', 'f1', 'f1']);
  });

  it('with a window: a failed evaluation answers nobody later, the next event evaluates again', async () => {
    const clock = { nowIso: () => '2026-11-21T10:00:00.000Z' };
    let n = 0;
    const queue = new FleetEvaluationQueue<number>(() => (++n === 1 ? Promise.reject(new Error('ARM down')) : Promise.resolve(n)), { clock, windowSeconds: 60 });
    await expect(queue.request('f', { kind: 'event', eventIds: ['a'] }, undefined)).rejects.toThrow('ARM down');
    expect(await queue.request('f', { kind: 'event', eventIds: ['b'] }, undefined)).toBe(2);
  });

  it('evaluates different fleets independently', async () => {
    const seen: string[] = [];
    const queue = new FleetEvaluationQueue<void>((fleet) => {
      seen.push(fleet);
      return Promise.resolve();
    });
    await Promise.all([queue.request('a', { kind: 'poll', eventIds: [] }, undefined), queue.request('b', { kind: 'poll', eventIds: [] }, undefined)]);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('still runs the follow-up when the running evaluation failed', async () => {
    let n = 0;
    const queue = new FleetEvaluationQueue<number>(() => (++n === 1 ? Promise.reject(new Error('ARM down')) : Promise.resolve(n)));
    const first = queue.request('f', { kind: 'event', eventIds: ['a'] }, undefined);
    const second = queue.request('f', { kind: 'event', eventIds: ['b'] }, undefined);
    await expect(first).rejects.toThrow('ARM down');
    expect(await second).toBe(2);
  });
});
