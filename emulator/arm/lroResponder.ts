import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../httpTypes';
import { ArmError } from './armError';
import type { ArmContext } from './armContext';

export type LroStyle = 'sync' | 'async';

interface Operation {
  id: string;
  kind: 'put' | 'post' | 'delete' | 'patch' | 'generate';
  polls: number;
  startTime: string;
  /** The body the Location URL answers once the operation has succeeded. */
  result?: () => unknown;
}

/**
 * Answers mutating ARM calls in one of the two shapes the SDK accepts (docs/azure-apis.md §1.6):
 * `sync` returns the final result at once; `async` returns 201/202 with Azure-AsyncOperation and/or Location
 * and the operation finishes on the second poll. State changes are applied immediately either way.
 */
export class LroResponder {
  private readonly operations = new Map<string, Operation>();

  constructor(
    public style: LroStyle,
    private readonly subscriptionId: () => string,
    private readonly now: () => string,
  ) {}

  private register(kind: Operation['kind'], result?: () => unknown): Operation {
    const op: Operation = { id: randomUUID(), kind, polls: 0, startTime: this.now(), ...(result !== undefined ? { result } : {}) };
    this.operations.set(op.id, op);
    return op;
  }

  private urls(ctx: ArmContext, op: Operation): { status: string; result: string } {
    const base = `${ctx.baseUrl}/subscriptions/${this.subscriptionId()}/providers/Microsoft.ContainerService/locations/${ctx.params.location ?? 'eastus'}`;
    const q = `api-version=${ctx.apiVersion}`;
    return { status: `${base}/operationStatuses/${op.id}?${q}`, result: `${base}/operationResults/${op.id}?${q}` };
  }

  put(ctx: ArmContext, created: boolean, body: Record<string, unknown>, etag: string): EmulatorResponse {
    if (this.style === 'sync') return { status: created ? 201 : 200, headers: { etag }, body };
    const op = this.register('put');
    const props = (body.properties ?? {}) as Record<string, unknown>;
    return {
      status: created ? 201 : 200,
      headers: { etag, 'azure-asyncoperation': this.urls(ctx, op).status },
      body: { ...body, properties: { ...props, provisioningState: created ? 'Creating' : 'Updating' } },
    };
  }

  /** `current` renders the resource when the Location URL is read, so the SDK gets the state at that time. */
  post(ctx: ArmContext, current: () => unknown): EmulatorResponse {
    if (this.style === 'sync') return { status: 200, body: current() };
    const op = this.register('post', current);
    const urls = this.urls(ctx, op);
    return { status: 202, headers: { 'azure-asyncoperation': urls.status, location: urls.result } };
  }

  /** generateUpdateRun: the SDK reads the result from the status body, so point `resourceLocation` at it. */
  generate(ctx: ArmContext, body: { id: string }): EmulatorResponse {
    if (this.style === 'sync') return { status: 200, body };
    const op = this.register('generate', () => body);
    return { status: 202, headers: { 'azure-asyncoperation': this.urls(ctx, op).status } };
  }

  patch(ctx: ArmContext, current: () => Record<string, unknown>, etag: string): EmulatorResponse {
    if (this.style === 'sync') return { status: 200, headers: { etag }, body: current() };
    const op = this.register('patch', current);
    return { status: 202, headers: { location: this.urls(ctx, op).result } };
  }

  delete(ctx: ArmContext): EmulatorResponse {
    if (this.style === 'sync') return { status: 200 };
    const op = this.register('delete');
    const urls = this.urls(ctx, op);
    return { status: 202, headers: { 'azure-asyncoperation': urls.status, location: urls.result } };
  }

  private find(id: string): Operation {
    const op = this.operations.get(id);
    if (!op) throw new ArmError(404, 'NotFound', `Operation '${id}' was not found.`);
    op.polls++;
    return op;
  }

  /** GET …/operationStatuses/{id}: InProgress on the first poll, Succeeded afterwards. */
  status(ctx: ArmContext, id: string): EmulatorResponse {
    const op = this.find(id);
    const done = op.polls > 1;
    const urls = this.urls(ctx, op);
    return {
      status: 200,
      body: {
        id: `/subscriptions/${this.subscriptionId()}/providers/Microsoft.ContainerService/locations/${ctx.params.location ?? 'eastus'}/operationStatuses/${op.id}`,
        name: op.id,
        status: done ? 'Succeeded' : 'InProgress',
        startTime: op.startTime,
        ...(done ? { endTime: this.now() } : {}),
        ...(done && op.kind === 'generate' ? { resourceLocation: urls.result } : {}),
      },
    };
  }

  /** GET …/operationResults/{id}: 202 while running, then the final body (or 204 for deletes). */
  result(ctx: ArmContext, id: string): EmulatorResponse {
    const op = this.find(id);
    if (op.polls <= 1 && op.kind !== 'generate') return { status: 202, headers: { location: this.urls(ctx, op).result } };
    if (op.kind === 'delete') return { status: 204 };
    return { status: 200, body: op.result?.() };
  }
}
