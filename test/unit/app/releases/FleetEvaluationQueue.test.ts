import { describe, expect, it } from 'vitest';
import { FleetEvaluationQueue } from '../../../../src/app/releases/FleetEvaluationQueue';
import type { ReleaseTrigger } from '../../../../src/app/releases/detectReleases';

describe('FleetEvaluationQueue', () => {
  it('turns a burst of requests for one fleet into the running evaluation plus ONE follow-up carrying every event id', async () => {
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
