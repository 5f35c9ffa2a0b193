import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline';
import { retryAfterSeconds } from '../notify/retryAfterSeconds';

/** Real time, for the buckets' refill and the waits (ARM counts in real time, whatever the app's clock says). */
export interface BudgetTime {
  realMs(): number;
  sleep(ms: number): Promise<void>;
}

export interface TokenBucketLimit {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export type ArmOperationKind = 'reads' | 'writes' | 'deletes';

/**
 * Azure Resource Manager's limits since its move to regional throttling with a token bucket ("Understand how Azure
 * Resource Manager throttles requests", MicrosoftDocs/azure-docs articles/azure-resource-manager/management/
 * request-limits-and-throttling.md): per subscription, per service principal and per operation type, reads 250 tokens
 * refilled at 25 per second, deletes and writes 200 at 10; requests that name no subscription fall under the tenant's
 * buckets of the same sizes. Beyond them ARM answers 429.
 */
export const ARM_REQUEST_LIMITS: Readonly<Record<ArmOperationKind, TokenBucketLimit>> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export function operationKind(method: string): ArmOperationKind {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'reads';
  return m === 'DELETE' ? 'deletes' : 'writes';
}

/** The bucket a request draws on: its subscription (or the tenant) and its operation type. */
export function budgetKey(method: string, url: string): string {
  const sub = /\/subscriptions\/([^/?#]+)/i.exec(new URL(url).pathname)?.[1];
  return `${sub ? `subscription:${sub.toLowerCase()}` : 'tenant'}:${operationKind(method)}`;
}

class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly queue: (() => void)[] = [];
  private sleeping = false;

  constructor(
    private readonly limit: TokenBucketLimit,
    private readonly time: BudgetTime,
  ) {
    this.tokens = limit.capacity;
    this.refilledAt = time.realMs();
  }

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.pump();
    });
  }

  pauseFor(ms: number): void {
    // ARM refused: its bucket is empty whatever ours says (another instance of the app spends the same budget).
    this.refill();
    this.tokens = 0;
    this.pausedUntil = Math.max(this.pausedUntil, this.time.realMs() + Math.max(0, ms));
  }

  private refill(): void {
    const now = this.time.realMs();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.limit.refillPerSecond);
    this.refilledAt = now;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.sleeping) {
      this.refill();
      const now = this.time.realMs();
      const wait = Math.max(this.pausedUntil - now, this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.refillPerSecond) * 1000));
      if (wait > 0) {
        this.sleeping = true;
        void this.time.sleep(wait).then(() => {
          this.sleeping = false;
          this.pump();
        });
        return;
      }
      this.tokens -= 1;
      (this.queue.shift() as () => void)();
    }
  }
}

/**
 * Keeps this process's ARM requests inside ARM's token buckets, first come, first served per bucket, so that a first
 * release poll or a new instance's first tick (hundreds of reads at 200 fleets) is spread over seconds instead of
 * being answered 429. Every send takes a token, retries included, as ARM counts them. A 429 (several instances share
 * the principal's budget, which no one instance sees) empties the bucket and pauses it for the Retry-After, and the
 * request is sent again after it (see SENDS_PER_ATTEMPT). Nothing is refused: a request waits for its token, which
 * the queue ahead of it bounds.
 */
export class ArmRequestBudget {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly time: BudgetTime,
    private readonly limits: Readonly<Record<ArmOperationKind, TokenBucketLimit>> = ARM_REQUEST_LIMITS,
  ) {}

  take(key: string): Promise<void> {
    return this.bucket(key).take();
  }

  pauseFor(key: string, ms: number): void {
    this.bucket(key).pauseFor(ms);
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const kind = key.slice(key.lastIndexOf(':') + 1) as ArmOperationKind;
      this.buckets.set(key, (bucket = new TokenBucket(this.limits[kind], this.time)));
    }
    return bucket;
  }
}

const POLICY_NAME = 'conductorArmRequestBudget';

/**
 * Without Retry-After (ARM documents one on every 429; the harsher reading is that it may be missing) the wait doubles
 * from a second: 1, 2, 4, 8, 16 s, 31 s in all, about as long as Event Grid waits for a handler's answer.
 */
const pauseWithoutRetryAfterMs = (send: number): number => 1000 * 2 ** (send - 1);

/**
 * Sends of one attempt while ARM answers 429, before the 429 goes up to the SDK's retry policy (which waits a
 * Retry-After and tries again, up to its own count; without Retry-After it does not retry a 429): a throttled request
 * is sent up to 6 × (SDK retries + 1) times, each after the wait ARM asked for, so throttling delays a call rather
 * than failing it.
 */
const SENDS_PER_ATTEMPT = 6;

/** The most one attempt waits on 429s before handing the 429 on (about Event Grid's wait for a handler's answer). */
const MAX_PAUSE_PER_ATTEMPT_MS = 31_000;

/** Every attempt of the pipeline waits for its token (placed after the retry phase); added once per pipeline. */
export function budgetArmRequests(pipeline: Pipeline, budget: ArmRequestBudget): void {
  if (pipeline.getOrderedPolicies().some((p) => p.name === POLICY_NAME)) return;
  const policy: PipelinePolicy = {
    name: POLICY_NAME,
    async sendRequest(request, next) {
      const key = budgetKey(request.method, request.url);
      let paused = 0;
      for (let send = 1; ; send++) {
        await budget.take(key);
        const response = await next(request);
        if (response.status !== 429) return response;
        const after = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
        const pause = after === undefined ? pauseWithoutRetryAfterMs(send) : after * 1000;
        budget.pauseFor(key, pause);
        paused += pause;
        // Bounded in time as well as in sends: a long Retry-After goes up to the SDK's retry (and the caller) instead.
        if (send >= SENDS_PER_ATTEMPT || paused > MAX_PAUSE_PER_ATTEMPT_MS) return response;
      }
    },
  };
  pipeline.addPolicy(policy, { afterPhase: 'Retry' });
}
