import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';
import { teamsMessageProblems } from './teamsMessageCheck';

export interface WebhookMessage {
  seq: number;
  kind: 'teams' | 'webhook';
  id: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: unknown;
  receivedAt: string;
  status: number;
  accepted: boolean;
  problems: string[];
  /** The sender's `Idempotency-Key` header, when it sent one. */
  idempotencyKey?: string;
  /** True when a message with the same key was already accepted at this URL (what a deduplicating receiver drops). */
  duplicate: boolean;
}

const RATE_LIMIT = 4;
const WINDOW_MS = 1000;

/**
 * Records every POST to `/teams/workflows/{id}` (checked like a Teams Workflows webhook: Adaptive Card
 * message, ≤ 28 KB, 4 requests/s per URL with 429 + Retry-After) and to `/webhooks/{id}` (accepts anything).
 * Each record keeps the sender's `Idempotency-Key` and whether an accepted message already carried it (`duplicate`):
 * the sink itself accepts duplicates (Teams Workflows documents no deduplication); a test decides what a deduplicating receiver would have kept.
 */
export class WebhookSink {
  readonly messages: WebhookMessage[] = [];
  private readonly recent = new Map<string, number[]>();
  private seq = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  handle(kind: 'teams' | 'webhook', id: string, request: EmulatorRequest): EmulatorResponse {
    let body: unknown = request.body;
    let parsed = true;
    try {
      body = request.body === '' ? null : JSON.parse(request.body);
    } catch {
      parsed = false; // kept as text: a non-JSON payload is itself what the test wants to see
    }
    const header = request.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' && header !== '' ? header : undefined;
    const record = (status: number, problems: string[]): EmulatorResponse => {
      const duplicate = idempotencyKey !== undefined && this.messages.some((m) => m.accepted && m.path === request.url.pathname && m.idempotencyKey === idempotencyKey);
      this.messages.push({
        seq: ++this.seq, kind, id, path: request.url.pathname, headers: { ...request.headers }, body,
        receivedAt: new Date(this.realNow()).toISOString(), status, accepted: status < 300, problems,
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}), duplicate,
      });
      return status < 300
        ? { status, body: kind === 'webhook' ? { received: true } : undefined }
        : { status, ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}), body: { error: { code: status === 429 ? 'TooManyRequests' : 'BadRequest', message: problems.join('; ') } } };
    };
    if (kind === 'webhook') return record(200, parsed ? [] : ['body is not JSON']);
    const now = this.realNow();
    const window = (this.recent.get(id) ?? []).filter((t) => now - t < WINDOW_MS);
    if (window.length >= RATE_LIMIT) {
      this.recent.set(id, window);
      return record(429, [`rate limit: more than ${RATE_LIMIT} requests per second`]);
    }
    window.push(now);
    this.recent.set(id, window);
    const problems = parsed ? teamsMessageProblems(body, Buffer.byteLength(request.body)) : ['body is not JSON'];
    if (problems.some((p) => p.startsWith('payload is'))) return record(413, problems);
    return record(problems.length > 0 ? 400 : 202, problems);
  }

  /** Continues a saved world's record: its messages first (deduplication sees them), sequence numbers going on. */
  restore(saved: readonly WebhookMessage[]): void {
    this.messages.unshift(...saved);
    this.seq = Math.max(this.seq, ...saved.map((m) => m.seq));
  }

  clear(): void {
    this.messages.length = 0;
    this.recent.clear();
  }
}
