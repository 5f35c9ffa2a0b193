import { describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../../emulator/control/faults';

describe('faults at a rate (probability + seed)', () => {
  const hits = (seed: number): boolean[] => {
    const registry = new FaultRegistry();
    registry.add({ service: 'arm', status: 429, retryAfterSeconds: 1, probability: 0.2, seed });
    return Array.from({ length: 2000 }, () => registry.take('arm', 'GET', '/subscriptions/x') !== undefined);
  };

  it('hits about that share of matching requests, the same ones for the same seed', () => {
    const first = hits(7);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    expect(hits(7)).toEqual(first);
    expect(hits(8)).not.toEqual(first);
  });

  it('a miss falls through to the next fault; non-matching requests draw nothing', () => {
    const registry = new FaultRegistry();
    registry.add({ service: 'arm', status: 429, probability: 0.5, seed: 3 });
    registry.add({ service: 'arm', status: 500 });
    const statuses = Array.from({ length: 200 }, () => registry.take('arm', 'PATCH', '/g')?.status);
    expect(new Set(statuses)).toEqual(new Set([429, 500]));
    expect(registry.take('logs', 'POST', '/v1/workspaces/w/query')).toBeUndefined();
  });

  it.each([0, 1.5, -1, 'x'])('refuses probability %j', (probability) => {
    expect(() => new FaultRegistry().add({ service: 'arm', status: 500, probability })).toThrow("'probability' must be a number in (0, 1].");
  });
});
