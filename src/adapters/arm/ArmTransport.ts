import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient, type Pipeline } from '@azure/core-rest-pipeline';
import { createHttpPoller, type OperationResponse, type OperationState } from '@azure/core-lro';
import { getPagedAsyncIterator } from '@azure/core-paging';
import { ApiVersionUnsupportedError } from '../../ports';

/**
 * ARM's answers to an api-version the resource type does not (or no longer) support: NoRegisteredProviderFound
 * (learn.microsoft.com, "Resolve errors for resource provider registration": one cause is "API version not supported
 * for the resource type"), and InvalidApiVersionParameter, "The api-version '…' is invalid. The supported versions
 * are …" (quoted in Azure/azure-cli-extensions#9789).
 */
const API_VERSION_CODES = new Set(['noregisteredproviderfound', 'invalidapiversionparameter']);

/**
 * ARM also answers an api-version a resource type does not serve with InvalidResourceType, "The resource type '{type}'
 * could not be found in the namespace '{namespace}' for api version '{api-version}'. The supported api-versions are …",
 * as 400 or 404 (ARM's answers quoted in Azure/acs-engine#4037, Azure/azure-cli#26491, Azure/azure-cli-extensions#7069;
 * Microsoft's "Troubleshoot common Azure deployment errors" lists the code, but not this cause: no page settles it). Conductor's resource types are
 * fixed, but the code alone also means a mistyped type, so only a message naming the api-version counts; the 404 form
 * must not pass for "not found", or a retired api-version would read as a missing gate or run.
 */
function isUnsupportedApiVersion(status: number, error: { code?: string; message?: string } | undefined, version: string): boolean {
  const code = error?.code?.toLowerCase() ?? '';
  if (status === 400 && API_VERSION_CODES.has(code)) return true;
  return (status === 400 || status === 404) && code === 'invalidresourcetype' && (error?.message ?? '').toLowerCase().includes(`for api version '${version.toLowerCase()}'`);
}

/** An ARM call that failed, with ARM's error code (`ResourceNotFound`, `Conflict`, …) when the body carried one. */
export class ArmRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ArmRequestError';
  }
}

export interface ArmResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Method = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

export interface ArmTransportOptions {
  /** Wait between LRO polls when the service gives no Retry-After. */
  readonly pollIntervalInMs: number;
  /** Give up waiting for a long-running operation after this long. */
  readonly lroTimeoutInMs: number;
}

/** Azure took the call as a long-running operation (docs/azure-apis.md §1.6). */
function isLongRunning(response: ArmResponse): boolean {
  const asyncOp = response.headers['azure-asyncoperation'] ?? response.headers['operation-location'];
  return Boolean(asyncOp) || (Boolean(response.headers.location) && response.status === 202);
}

/**
 * Raw ARM calls through an SDK client's own pipeline (bearer token, retries, user agent, TLS), for what the typed
 * Fleet SDK 2.0.0 cannot express: gate-aware api-versions whose fields its serializers drop (docs/azure-apis.md §1.8).
 * Every URL carries its own api-version; long-running operations are awaited (Azure-AsyncOperation or Location).
 */
export class ArmTransport {
  private readonly httpClient: HttpClient = createDefaultHttpClient();

  constructor(
    private readonly pipeline: Pipeline,
    private readonly endpoint: string,
    private readonly options: ArmTransportOptions,
  ) {}

  /** One request, no LRO handling; non-2xx → ArmRequestError. `headers` add to (or override) the JSON defaults. */
  async send(method: Method, pathOrUrl: string, apiVersion: string | undefined, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<ArmResponse> {
    const url = new URL(this.urlOf(pathOrUrl, apiVersion));
    const request = createPipelineRequest({
      url: url.toString(),
      method,
      headers: createHttpHeaders({ accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const res = await this.pipeline.sendRequest(this.httpClient, request);
    const text = res.bodyAsText ?? '';
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (res.status >= 400) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      const version = url.searchParams.get('api-version');
      if (version !== null && isUnsupportedApiVersion(res.status, error, version)) {
        throw new ApiVersionUnsupportedError(version, url.pathname, `${method} ${url.pathname}: Azure does not support api-version ${version} (${error?.code ?? ''}: ${error?.message ?? ''})`);
      }
      throw new ArmRequestError(res.status, error?.code, `${method} ${url.pathname} → ${res.status}${error?.code ? ` ${error.code}` : ''}: ${error?.message ?? text.slice(0, 300)}`);
    }
    return { status: res.status, headers: res.headers.toJSON(), body: parsed };
  }

  /** GET; a 404 is `undefined`. */
  async get(path: string, apiVersion: string): Promise<unknown> {
    try {
      return (await this.send('GET', path, apiVersion)).body;
    } catch (error) {
      if (error instanceof ArmRequestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /**
   * Every item of a paged list (ARM's `value` + `nextLink`, the link absolute and carrying its api-version), through
   * @azure/core-paging's iterator. At most 1000 pages: a service that keeps answering with a next link is a fault.
   */
  async list(path: string, apiVersion: string, query: Readonly<Record<string, string>> = {}): Promise<unknown[]> {
    const first = new URL(`${this.endpoint}${path}`);
    for (const [k, v] of Object.entries(query)) first.searchParams.set(k, v);
    first.searchParams.set('api-version', apiVersion);
    let pages = 0;
    const items = getPagedAsyncIterator<unknown, unknown[]>({
      firstPageLink: first.toString(),
      getPage: async (link) => {
        if (++pages > 1000) return undefined;
        const body = (await this.send('GET', link, undefined)).body as { value?: unknown[]; nextLink?: string | null };
        return { page: body.value ?? [], ...(body.nextLink ? { nextPageLink: body.nextLink } : {}) };
      },
    });
    const all: unknown[] = [];
    for await (const item of items) all.push(item);
    return all;
  }

  /**
   * A mutating call that may be long-running. Returns the final resource body: from the resource URL (PUT/PATCH),
   * the Location URL (POST), or the initial body when the service answered synchronously. `headers` (e.g.
   * `If-None-Match: *`) go on the initial request only; polls are plain GETs.
   */
  async mutate(method: Exclude<Method, 'GET'>, path: string, apiVersion: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<unknown> {
    const initial = await this.send(method, path, apiVersion, body, headers);
    return isLongRunning(initial) ? this.awaitOperation(method, path, initial, apiVersion) : initial.body;
  }

  /**
   * A mutating call that is NOT waited for: `accepted` when Azure took it as a long-running operation (201/202 with
   * Azure-AsyncOperation or Location), `done` when it answered with the final result. Handlers use this so they never
   * sit in an LRO poll; the caller confirms the outcome later by reading the resource (docs/design.md, gate confirm step).
   */
  async request(method: Exclude<Method, 'GET'>, path: string, apiVersion: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<{ readonly outcome: 'done' | 'accepted'; readonly body: unknown }> {
    const initial = await this.send(method, path, apiVersion, body, headers);
    return { outcome: isLongRunning(initial) ? 'accepted' : 'done', body: initial.body };
  }

  /**
   * Follows an operation Azure accepted to its final body with @azure/core-lro's HTTP poller (Azure-AsyncOperation,
   * Operation-Location or Location; Retry-After honoured, else `pollIntervalInMs`): PUT and PATCH end with a read of
   * the resource, a POST with a read of its Location (or the operation's resourceLocation). Polls go through this
   * transport, so they carry the pipeline's auth, retries and TLS and fail as ArmRequestError; a run past
   * `lroTimeoutInMs` is abandoned.
   */
  async awaitOperation(method: Exclude<Method, 'GET'>, path: string, initial: ArmResponse, apiVersion?: string): Promise<unknown> {
    if (!isLongRunning(initial)) return initial.body;
    const url = this.urlOf(path, apiVersion);
    const respond = (requestMethod: string, requestUrl: string, response: ArmResponse): OperationResponse => ({
      flatResponse: response.body,
      rawResponse: { statusCode: response.status, headers: { ...response.headers }, request: { method: requestMethod, url: requestUrl }, body: response.body },
    });
    const poller = createHttpPoller<unknown, OperationState<unknown>>(
      {
        sendInitialRequest: () => Promise.resolve(respond(method, url, initial)),
        sendPollRequest: async (pollUrl) => respond('GET', pollUrl, await this.send('GET', pollUrl, undefined)),
      },
      { intervalInMs: this.options.pollIntervalInMs, ...(method === 'POST' ? { resourceLocationConfig: 'location' as const } : {}) },
    );
    return poller.pollUntilDone({ abortSignal: AbortSignal.timeout(this.options.lroTimeoutInMs) });
  }

  private urlOf(pathOrUrl: string, apiVersion: string | undefined): string {
    const url = new URL(pathOrUrl.startsWith('https://') || pathOrUrl.startsWith('http://') ? pathOrUrl : `${this.endpoint}${pathOrUrl}`);
    if (apiVersion !== undefined) url.searchParams.set('api-version', apiVersion);
    return url.toString();
  }
}
