import { createEmptyPipeline, createHttpHeaders, createPipelineRequest, type HttpClient, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ARM_REQUEST_LIMITS, ArmRequestBudget, budgetArmRequests, budgetKey } from '../../../../src/adapters/arm/ArmRequestBudget';

/** Real time moves only by what is slept; sleeps are held until the test ends them. */
function fakeTime() {
  const sleeps: { ms: number; end: () => void }[] = [];
  const time = {
    real: 0,
    realMs: () => time.real,
    sleep: (ms: number) => new Promise<void>((resolve) => sleeps.push({ ms, end: () => ((time.real += ms), resolve()) })),
  };
  return { time, sleeps };
}
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const SUB = 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-0000000000aa';

/**
 * One GET through a pipeline holding only the budget policy, against a client answering `answers` in turn (then 200),
 * ending each of the budget's sleeps as it starts; what the caller got, how many sends it took, and the waits.
 */
async function sendThroughPolicy(budget: ArmRequestBudget, sleeps: { ms: number; end: () => void }[], answers: { status: number; retryAfter?: string }[]) {
  const pipeline = createEmptyPipeline();
  budgetArmRequests(pipeline, budget);
  budgetArmRequests(pipeline, budget); // added once
  expect(pipeline.getOrderedPolicies().map((p) => p.name)).toEqual(['conductorArmRequestBudget']);
  let sends = 0;
  const client: HttpClient = {
    sendRequest: (request) => {
      const answer = answers[sends] ?? { status: 200 };
      sends += 1;
      return Promise.resolve({ request, status: answer.status, headers: createHttpHeaders(answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter }) } as PipelineResponse);
    },
  };
  let status = 0;
  void pipeline.sendRequest(client, createPipelineRequest({ url: `${SUB}/x`, method: 'GET' })).then((r) => (status = r.status));
  for (let ended = 0; status === 0 && ended <= answers.length; ) {
    await settle();
    if (sleeps[ended]) sleeps[ended++]?.end();
    else await settle();
  }
  return { status, sends, waits: sleeps.map((s) => s.ms) };
}

describe('ArmRequestBudget: ARM requests inside ARM\'s token buckets (issue 14)', () => {
  it('keys buckets by subscription (or tenant) and operation type', () => {
    expect(budgetKey('GET', `${SUB}/providers/Microsoft.ContainerService/fleets?api-version=1`)).toBe('subscription:00000000-0000-0000-0000-0000000000aa:reads');
    expect(budgetKey('patch', `${SUB.replace('0000000000aa', '0000000000AA')}/x`)).toBe('subscription:00000000-0000-0000-0000-0000000000aa:writes');
    expect(budgetKey('POST', `${SUB}/x/start`)).toMatch(/:writes$/);
    expect(budgetKey('DELETE', `${SUB}/x`)).toMatch(/:deletes$/);
    expect(budgetKey('GET', 'https://management.azure.com/providers/Microsoft.ContainerService/operations')).toBe('tenant:reads');
  });

  it('lets a burst of 250 reads through at once, then one every 40 ms (25 per second), first come first served', async () => {
    const { time, sleeps } = fakeTime();
    const budget = new ArmRequestBudget(time);
    const order: number[] = [];
    for (let i = 0; i < 253; i++) void budget.take('subscription:a:reads').then(() => order.push(i));
    await settle();
    expect(order).toHaveLength(250);
    expect(sleeps.map((s) => s.ms)).toEqual([40]);
    sleeps[0]?.end();
    await settle();
    expect(order).toHaveLength(251);
    sleeps[1]?.end();
    await settle();
    sleeps[2]?.end();
    await settle();
    expect(order).toEqual(Array.from({ length: 253 }, (_, i) => i));
    expect(sleeps.map((s) => s.ms)).toEqual([40, 40, 40]);
  });

  it('keeps buckets apart: writes (200, 10 per second) and another subscription do not wait for a full read bucket', async () => {
    const { time } = fakeTime();
    const budget = new ArmRequestBudget(time);
    let reads = 0;
    let writes = 0;
    let other = 0;
    for (let i = 0; i < 260; i++) void budget.take('subscription:a:reads').then(() => reads++);
    for (let i = 0; i < 201; i++) void budget.take('subscription:a:writes').then(() => writes++);
    void budget.take('subscription:b:reads').then(() => other++);
    await settle();
    expect({ reads, writes, other }).toEqual({ reads: ARM_REQUEST_LIMITS.reads.capacity, writes: ARM_REQUEST_LIMITS.writes.capacity, other: 1 });
  });

  it('after a 429, empties the bucket and waits at least the Retry-After before the next request', async () => {
    const { time, sleeps } = fakeTime();
    const budget = new ArmRequestBudget(time);
    budget.pauseFor('subscription:a:reads', 3000);
    let done = 0;
    void budget.take('subscription:a:reads').then(() => done++);
    await settle();
    expect(done).toBe(0);
    expect(sleeps.map((s) => s.ms)).toEqual([3000]);
    sleeps[0]?.end();
    await settle();
    // Three seconds refilled 75 tokens.
    expect(done).toBe(1);
  });

  it('as a pipeline policy: every send takes a token, and a 429 pauses the bucket for its Retry-After and is sent again', async () => {
    const { time, sleeps } = fakeTime();
    const budget = new ArmRequestBudget(time, { reads: { capacity: 10, refillPerSecond: 1 }, writes: ARM_REQUEST_LIMITS.writes, deletes: ARM_REQUEST_LIMITS.deletes });
    const throttled = { status: 429, retryAfter: '5' };
    expect(await sendThroughPolicy(budget, sleeps, [throttled, throttled])).toEqual({ status: 200, sends: 3, waits: [5000, 5000] });
  });

  it('as a pipeline policy: hands the 429 to the SDK\'s retry after 6 sends, waiting 1, 2, 4, 8 and 16 s without Retry-After', async () => {
    const { time, sleeps } = fakeTime();
    const answers = Array.from({ length: 10 }, () => ({ status: 429 }));
    expect(await sendThroughPolicy(new ArmRequestBudget(time), sleeps, answers)).toEqual({ status: 429, sends: 6, waits: [1000, 2000, 4000, 8000, 16000] });
  });

  it('as a pipeline policy: hands a 429 on once its waits pass 31 s (a long Retry-After is not waited out 6 times)', async () => {
    const { time, sleeps } = fakeTime();
    const answers = Array.from({ length: 10 }, () => ({ status: 429, retryAfter: '20' }));
    expect(await sendThroughPolicy(new ArmRequestBudget(time), sleeps, answers)).toEqual({ status: 429, sends: 2, waits: [20000] });
  });
});
