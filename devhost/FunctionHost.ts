import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileRoute, byPrecedence, decodePathSegment, type CompiledRoute } from './routeTemplate';
import { httpStreamEnabled, type RegisteredFunction, type RegisteredBinding } from './functionsCoreShim';
import { invokeFunction, InvocationFailedError } from './invokeFunction';
import { consoleHostLog, type HostLog } from './hostLog';
import { resolveSettingRefs } from './resolveSettingRefs';
import { TimerScheduler, type SchedulerClock, type TimerInput } from './timerScheduler';
import { principalHeaders, PRINCIPAL_HEADERS, type DevPrincipal } from './clientPrincipal';
import { problem, type Problem } from './problem';
import { handleEventGridDelivery } from './eventGridWebhook';
import { toHttpRequest, toStreamingHttpRequest, writeHttpResult } from './httpTriggerIo';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface FunctionHostOptions {
  /** Registrations captured by the functions-core stand-in. */
  readonly functions: Iterable<RegisteredFunction>;
  /** App settings for `%NAME%` references (local.settings.json Values merged with the environment). */
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly log?: HostLog;
  /** host.json extensions.http.routePrefix; default "api". */
  readonly routePrefix?: string;
  /**
   * Keys enforce authLevel as Azure does (`code` query or `x-functions-key` header). Without keys, like Core Tools
   * locally, every authLevel is served anonymously.
   */
  readonly keys?: { readonly master: string; readonly functions?: Readonly<Record<string, string>> };
  /** Injected as App Service authentication headers on every HTTP request; client-sent ones are stripped. */
  readonly principal?: DevPrincipal;
  /**
   * Test hosts only: a request header `x-devhost-principal` (base64 JSON DevPrincipal) replaces the configured
   * principal for that request, so one host can serve several callers.
   */
  readonly allowPrincipalOverride?: boolean;
  /** Timers fire on this clock; `false` disables timers (HTTP-only hosts in tests). */
  readonly timers?: SchedulerClock | false;
  /** Largest request body accepted (the host's FUNCTIONS_REQUEST_BODY_SIZE_LIMIT). */
  readonly maxBodyBytes?: number;
  /**
   * Hand HTTP bodies to handlers as streams, as Azure does once the app called app.setup({ enableHttpStream: true });
   * otherwise the whole body is read before the handler runs. Default: whatever the loaded app asked for.
   */
  readonly httpStream?: boolean;
}

interface HttpFunction {
  readonly fn: RegisteredFunction;
  readonly route: CompiledRoute;
  readonly methods: readonly string[] | undefined;
  readonly authLevel: AuthLevel;
}

export interface FunctionSummary {
  readonly name: string;
  readonly trigger: string;
  readonly route?: string;
  readonly methods?: readonly string[];
  readonly authLevel?: AuthLevel;
  readonly schedule?: string;
}

export const DEVHOST_PRINCIPAL_HEADER = 'x-devhost-principal';

function triggerOf(fn: RegisteredFunction): RegisteredBinding {
  const trigger = Object.values(fn.bindings).find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
  if (!trigger) throw new Error(`Function "${fn.name}" has no trigger binding`);
  return trigger;
}

/**
 * The local stand-in for the Functions host: serves HTTP triggers at /{routePrefix}/{route}, accepts Event Grid
 * deliveries at /runtime/webhooks/eventgrid?functionName=NAME, lets any function be invoked at
 * POST /admin/functions/{name} (as Core Tools does), and fires timers on their NCRONTAB schedules.
 */
export class FunctionHost {
  private readonly log: HostLog;
  private readonly byName = new Map<string, RegisteredFunction>();
  private readonly httpFunctions: HttpFunction[] = [];
  private readonly timerJobs: { fn: RegisteredFunction; schedule: string; runOnStartup: boolean }[] = [];
  private readonly summaries: FunctionSummary[] = [];
  private readonly routePrefix: string;
  private readonly scheduler: TimerScheduler | undefined;
  private server: http.Server | undefined;

  constructor(private readonly options: FunctionHostOptions) {
    this.log = options.log ?? consoleHostLog;
    this.routePrefix = (options.routePrefix ?? 'api').replace(/^\/+|\/+$/g, '');
    this.scheduler = options.timers === false ? undefined : new TimerScheduler(options.timers);
    for (const fn of options.functions) this.add(fn);
    this.httpFunctions.sort((a, b) => byPrecedence(a.route, b.route));
  }

  private add(fn: RegisteredFunction): void {
    this.byName.set(fn.name.toLowerCase(), fn);
    const trigger = triggerOf(fn);
    const where = `Function "${fn.name}"`;
    switch (trigger.type) {
      case 'httpTrigger': {
        const route = typeof trigger.route === 'string' && trigger.route !== '' ? trigger.route : fn.name;
        const methods = Array.isArray(trigger.methods) ? (trigger.methods as string[]).map((m) => m.toUpperCase()) : undefined;
        const authLevel = (typeof trigger.authLevel === 'string' ? trigger.authLevel.toLowerCase() : 'function') as AuthLevel;
        this.httpFunctions.push({ fn, route: compileRoute(resolveSettingRefs(route, this.options.settings, where)), methods, authLevel });
        this.summaries.push({ name: fn.name, trigger: 'http', route, ...(methods ? { methods } : {}), authLevel });
        return;
      }
      case 'timerTrigger': {
        if (typeof trigger.schedule !== 'string') throw new Error(`${where} has a timer trigger without a schedule`);
        const schedule = resolveSettingRefs(trigger.schedule, this.options.settings, where);
        this.timerJobs.push({ fn, schedule, runOnStartup: trigger.runOnStartup === true });
        this.summaries.push({ name: fn.name, trigger: 'timer', schedule });
        return;
      }
      default:
        this.summaries.push({ name: fn.name, trigger: trigger.type.replace(/Trigger$/, '') });
    }
  }

  /** What the host serves, as the host's admin API would list it. */
  functions(): readonly FunctionSummary[] {
    return this.summaries;
  }

  async listen(port = 7071, host = '127.0.0.1'): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // The Functions host answers 413 for a body over its limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT); so does this one.
        if (error instanceof BodyTooLargeError && !res.headersSent) {
          res.setHeader('connection', 'close');
          sendProblem(res, problem(413, 'Payload Too Large', error.message));
          return;
        }
        this.log(`Host error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) sendProblem(res, problem(500, 'Internal Server Error', 'The local host failed to handle the request'));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const url = `http://${host}:${address.port}`;
    for (const job of this.timerJobs) {
      if (!this.scheduler) break;
      const { next } = this.scheduler.start({
        name: job.fn.name,
        schedule: job.schedule,
        runOnStartup: job.runOnStartup,
        run: (input) => this.invokeTimer(job.fn, input, 'Timer fired'),
      });
      this.log(`Timer '${job.fn.name}' (${job.schedule}) next at ${new Date(next).toISOString()}`);
    }
    this.log(`Host listening on ${url} with ${this.summaries.length} function(s): ${this.summaries.map((s) => s.name).join(', ')}`);
    return url;
  }

  /** Stops accepting requests, cancels timers and waits for running invocations. */
  async close(): Promise<void> {
    await this.scheduler?.stop();
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
  }

  private async invokeTimer(fn: RegisteredFunction, input: TimerInput, reason: string): Promise<void> {
    await invokeFunction(fn, input, { reason, log: this.log });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const lower = path.toLowerCase();
    if (lower === '/runtime/webhooks/eventgrid') {
      const name = url.searchParams.get('functionName') ?? '';
      const fn = this.byName.get(name.toLowerCase());
      if (!fn) return sendProblem(res, problem(404, 'Not Found', `No function named "${name}"`));
      if (triggerOf(fn).type !== 'eventGridTrigger') {
        return sendProblem(res, problem(400, 'Bad Request', `Function "${fn.name}" does not have an Event Grid trigger`));
      }
      const body = await readBody(req, this.options.maxBodyBytes);
      const answer = await handleEventGridDelivery(fn, req.method ?? 'GET', req.headers, body, this.log);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      return;
    }
    const admin = /^\/admin\/functions\/([^/]+)$/i.exec(path);
    if (admin && req.method === 'POST') return this.handleAdminInvoke(decodePathSegment(admin[1] ?? ''), req, res);
    if (lower === '/admin/host/status' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ state: 'Running', functions: this.summaries.length }));
      return;
    }
    const prefix = this.routePrefix === '' ? '/' : `/${this.routePrefix}/`;
    if (lower.startsWith(prefix.toLowerCase()) || lower === `/${this.routePrefix}`) {
      return this.handleHttpTrigger(path.slice(prefix.length), url, req, res);
    }
    sendProblem(res, problem(404, 'Not Found', `Nothing is served at ${path}`));
  }

  private async handleHttpTrigger(routePath: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    let matchedOtherMethod = false;
    for (const entry of this.httpFunctions) {
      const params = entry.route.match(routePath);
      if (!params) continue;
      if (entry.methods && !entry.methods.includes(method)) {
        matchedOtherMethod = true;
        continue;
      }
      if (!this.authorised(entry, url, req)) {
        return sendProblem(res, problem(401, 'Unauthorized', `Function "${entry.fn.name}" needs a ${entry.authLevel} key`));
      }
      const headers = this.requestHeaders(req);
      const streaming = this.options.httpStream ?? httpStreamEnabled();
      const limited = streaming ? limitedBody(req, this.options.maxBodyBytes) : undefined;
      const request = limited
        ? toStreamingHttpRequest({ method, url: this.publicUrl(req, url), headers, body: limited.body, params })
        : toHttpRequest({ method, url: this.publicUrl(req, url), headers, body: await readBody(req, this.options.maxBodyBytes), params });
      try {
        const { result } = await invokeFunction(entry.fn, request, { reason: `This function was programmatically called via the host APIs.`, log: this.log });
        // An answer given before the body was read through (a 413 from the handler): the rest is not read, the
        // connection is closed after the answer.
        if (limited && !req.complete) res.setHeader('connection', 'close');
        await writeHttpResult(res, result);
      } catch (error) {
        if (!(error instanceof InvocationFailedError)) throw error;
        if (limited?.tooLarge()) throw new BodyTooLargeError(`Request body larger than ${this.options.maxBodyBytes ?? DEFAULT_MAX_BODY} bytes`);
        sendProblem(res, problem(500, 'Internal Server Error', `Function "${entry.fn.name}" failed; see the host log`, error.invocationId));
      }
      return;
    }
    const detail = matchedOtherMethod ? `No function accepts ${method} /${this.routePrefix}/${routePath}` : `No function route matches /${this.routePrefix}/${routePath}`;
    sendProblem(res, problem(404, 'Not Found', detail));
  }

  private async handleAdminInvoke(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fn = this.byName.get(name.toLowerCase());
    if (!fn) return sendProblem(res, problem(404, 'Not Found', `No function named "${name}"`));
    if (this.options.keys && !this.keyMatches(new URL(req.url ?? '/', 'http://localhost'), req, [this.options.keys.master])) {
      return sendProblem(res, problem(401, 'Unauthorized', 'Admin APIs need the master key'));
    }
    const body = await readBody(req, this.options.maxBodyBytes);
    let input: unknown;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
    } catch (error) {
      return sendProblem(res, problem(400, 'Bad Request', `The body is not JSON: ${(error as Error).message}`));
    }
    const trigger = triggerOf(fn).type;
    if (trigger === 'timerTrigger') {
      const now = new Date().toISOString();
      input = { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: now, next: now, lastUpdated: now } } satisfies TimerInput;
    } else if (typeof input === 'string' && trigger === 'eventGridTrigger') {
      input = JSON.parse(input) as unknown;
    }
    // Like Core Tools: 202 at once, the invocation runs on; its outcome is in the log.
    res.writeHead(202).end();
    await invokeFunction(fn, input, { reason: 'This function was programmatically called via the host APIs.', log: this.log }).catch(
      (error: unknown) => {
        if (!(error instanceof InvocationFailedError)) throw error;
      },
    );
  }

  private requestHeaders(req: http.IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    let principal = this.options.principal;
    const override = headers[DEVHOST_PRINCIPAL_HEADER];
    if (this.options.allowPrincipalOverride && override) {
      try {
        principal = JSON.parse(Buffer.from(override, 'base64').toString('utf8')) as DevPrincipal;
      } catch {
        principal = undefined; // a malformed override signs nobody in (test hosts only)
      }
    }
    delete headers[DEVHOST_PRINCIPAL_HEADER];
    for (const h of PRINCIPAL_HEADERS) delete headers[h];
    return principal ? { ...headers, ...principalHeaders(principal) } : headers;
  }

  private publicUrl(req: http.IncomingMessage, url: URL): string {
    const host = req.headers.host ?? '127.0.0.1';
    return `http://${host}${url.pathname}${url.search}`;
  }

  private authorised(entry: HttpFunction, url: URL, req: http.IncomingMessage): boolean {
    const keys = this.options.keys;
    if (!keys || entry.authLevel === 'anonymous') return true;
    const allowed = entry.authLevel === 'admin' ? [keys.master] : [keys.master, keys.functions?.[entry.fn.name], keys.functions?.default];
    return this.keyMatches(url, req, allowed.filter((k): k is string => typeof k === 'string' && k !== ''));
  }

  private keyMatches(url: URL, req: http.IncomingMessage, allowed: readonly string[]): boolean {
    const header = req.headers['x-functions-key'];
    const given = url.searchParams.get('code') ?? (Array.isArray(header) ? header[0] : header);
    return given !== undefined && given !== null && allowed.includes(given);
  }
}

function sendProblem(res: http.ServerResponse, p: Problem): void {
  res.writeHead(p.status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify(p));
}

class BodyTooLargeError extends Error {}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/**
 * A streamed body under the host's limit: a declared Content-Length over it is refused before the handler runs (413),
 * and a body that grows past it while the handler reads fails the read (the host then answers 413).
 */
function limitedBody(req: http.IncomingMessage, maxBytes = DEFAULT_MAX_BODY): { body: AsyncIterable<Uint8Array>; tooLarge: () => boolean } {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(`Request body larger than ${maxBytes} bytes`);
  let size = 0;
  let over = false;
  async function* body(): AsyncGenerator<Uint8Array> {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        throw new BodyTooLargeError(`Request body larger than ${maxBytes} bytes`);
      }
      yield chunk;
    }
  }
  return { body: body(), tooLarge: () => over };
}

async function readBody(req: http.IncomingMessage, maxBytes = DEFAULT_MAX_BODY): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(`Request body larger than ${maxBytes} bytes`);
  // Past the limit nothing more is kept (the rest is drained, so the connection can still carry the 413).
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => (size > maxBytes ? reject(new BodyTooLargeError(`Request body larger than ${maxBytes} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
