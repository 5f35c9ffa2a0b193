import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FunctionHost, DEVHOST_PRINCIPAL_HEADER } from '../../../devhost/FunctionHost';
import { loadFunctionApp } from '../../../devhost/loadFunctionApp';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import { ManualClock } from '../../support/manualClock';
import { calls } from '../../fixtures/hostApp/calls';

const FIXTURE = path.resolve(__dirname, '../../fixtures/hostApp/functions.ts');
const START = Date.parse('2026-11-21T10:03:07Z');

let functions: RegisteredFunction[];
const lines: string[] = [];
const log = (line: string): void => {
  lines.push(line);
};

async function startHost(options: Partial<ConstructorParameters<typeof FunctionHost>[0]> = {}): Promise<{ host: FunctionHost; url: string }> {
  const host = new FunctionHost({ functions, settings: { TICK_SCHEDULE: '0 */5 * * * *' }, log, timers: false, ...options });
  const url = await host.listen(0);
  return { host, url };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  functions = await loadFunctionApp([FIXTURE], (file) => import(file));
});

beforeEach(() => {
  calls.timers.length = 0;
  calls.events.length = 0;
  lines.length = 0;
});

describe('the local Functions host, serving an app registered through app.*', () => {
  let host: FunctionHost;
  let url: string;
  beforeAll(async () => ({ host, url } = await startHost({ principal: { name: 'ops@contoso.example', objectId: 'oid-1', roles: ['Conductor.Operator'] } })));
  afterAll(() => host.close());

  it('captures every registration with its trigger, as the host would list it', () => {
    expect(host.functions().map((f) => [f.name, f.trigger])).toEqual([
      ['getRun', 'http'],
      ['stopRun', 'http'],
      ['items', 'http'],
      ['boom', 'http'],
      ['adminOnly', 'http'],
      ['tick', 'timer'],
      ['onEvent', 'eventGrid'],
    ]);
  });

  it('serves an HTTP route template with its parameters and query', async () => {
    const res = await fetch(`${url}/api/runs/fleet-1/k8s-1-33-4?q=newest`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fleet: 'fleet-1', run: 'k8s-1-33-4', q: 'newest', principal: 'ops@contoso.example' });
  });

  it('filters by method: a POST to a GET-only route is not served', async () => {
    const res = await fetch(`${url}/api/runs/fleet-1/k8s-1-33-4`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, detail: 'No function accepts POST /api/runs/fleet-1/k8s-1-33-4' });
  });

  it('routes the more specific template and passes the JSON body', async () => {
    const res = await fetch(`${url}/api/runs/fleet-1/r1/stop`, { method: 'POST', body: JSON.stringify({ reason: 'test' }) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ stopped: 'r1', body: { reason: 'test' } });
  });

  it.each([
    { path: '/api/items/7', status: 200, body: 'item 7' },
    { path: '/api/items/seven', status: 404, body: undefined },
  ])('honours route constraints: $path → $status', async ({ path: p, status, body }) => {
    const res = await fetch(`${url}${p}`);
    expect(res.status).toBe(status);
    if (body !== undefined) expect(await res.text()).toBe(body);
  });

  it('answers 500 problem+json when a handler throws, without leaking the error, and logs it with the invocation id', async () => {
    const res = await fetch(`${url}/api/boom`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { instance: string; detail: string };
    expect(body.detail).toBe('Function "boom" failed; see the host log');
    expect(JSON.stringify(body)).not.toContain('secret detail');
    expect(lines.some((l) => l.startsWith(`Executed 'Functions.boom' (Failed, Id=${body.instance}`) && l.includes('kaboom'))).toBe(true);
  });

  it('logs every invocation with the function name and invocation id', async () => {
    await fetch(`${url}/api/items/1`);
    const executing = lines.find((l) => l.startsWith("Executing 'Functions.items'"));
    const id = /Id=([0-9a-f-]{36})/.exec(executing ?? '')?.[1];
    expect(id).toBeDefined();
    expect(lines.some((l) => l.startsWith(`Executed 'Functions.items' (Succeeded, Id=${id}`))).toBe(true);
  });

  it('answers 404 for a path no route serves', async () => {
    expect((await fetch(`${url}/api/nothing/here`)).status).toBe(404);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });

  it('replaces client-sent App Service principal headers with the configured principal', async () => {
    const res = await fetch(`${url}/api/runs/f/r`, { headers: { 'x-ms-client-principal-name': 'mallory@evil.example' } });
    expect(((await res.json()) as { principal: string }).principal).toBe('ops@contoso.example');
  });

  describe('Event Grid deliveries at /runtime/webhooks/eventgrid', () => {
    const event = (id: string, data: object = {}): object => ({
      id,
      topic: '/subscriptions/s',
      subject: 'x',
      eventType: 'Test.Event',
      eventTime: '2026-11-21T10:00:00Z',
      data,
      dataVersion: '1',
      metadataVersion: '1',
    });
    const deliver = (body: unknown, headers: Record<string, string> = { 'aeg-event-type': 'Notification' }, fn = 'onEvent'): Promise<Response> =>
      fetch(`${url}/runtime/webhooks/eventgrid?functionName=${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('invokes the handler once per event, in order, with the event as sent', async () => {
      const res = await deliver([event('e1'), event('e2'), event('e3')]);
      expect(res.status).toBe(200);
      expect(calls.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
      expect(calls.events[0]).toEqual(event('e1'));
    });

    it('answers the subscription validation handshake without invoking the handler', async () => {
      const validation = {
        id: 'v1',
        topic: '/subscriptions/s',
        subject: '',
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: '2026-11-21T10:00:00Z',
        data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6', validationUrl: 'https://example.invalid/validate' },
        dataVersion: '2',
        metadataVersion: '1',
      };
      const res = await deliver([validation], { 'aeg-event-type': 'SubscriptionValidation' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
      expect(calls.events).toEqual([]);
    });

    it('answers the CloudEvents preflight', async () => {
      const res = await fetch(`${url}/runtime/webhooks/eventgrid?functionName=onEvent`, {
        method: 'OPTIONS',
        headers: { 'webhook-request-origin': 'eventgrid.azure.net' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
    });

    it('answers non-2xx when the handler throws, so that Event Grid retries', async () => {
      const res = await deliver([event('ok-1'), event('bad-1', { fail: true })]);
      expect(res.status).toBe(500);
      expect(calls.events.map((e) => e.id)).toEqual(['ok-1']);
    });

    it.each([
      { name: 'an unknown function', fn: 'nope', body: [], headers: undefined, status: 404 },
      { name: 'a function without an Event Grid trigger', fn: 'items', body: [], headers: undefined, status: 400 },
      { name: 'a delivery without aeg-event-type', fn: 'onEvent', body: [{ id: 'x' }], headers: {}, status: 400 },
      { name: 'a body that is not JSON objects', fn: 'onEvent', body: [1, 2], headers: undefined, status: 400 },
    ])('refuses $name with $status', async ({ fn, body, headers, status }) => {
      const res = await deliver(body, headers ?? { 'aeg-event-type': 'Notification' }, fn);
      expect(res.status).toBe(status);
      expect(calls.events).toEqual([]);
    });
  });

  it('invokes any function through the admin API, as Core Tools does', async () => {
    const res = await fetch(`${url}/admin/functions/tick`, { method: 'POST', body: JSON.stringify({ input: '' }) });
    expect(res.status).toBe(202);
    await flush();
    expect(calls.timers).toHaveLength(1);
    expect((await fetch(`${url}/admin/functions/nope`, { method: 'POST' })).status).toBe(404);
  });
});

describe('timers', () => {
  it('fire on their NCRONTAB schedule with %SETTING% resolved, with the host timer input', async () => {
    const clock = new ManualClock(START);
    const { host } = await startHost({ timers: clock });
    try {
      expect(host.functions().find((f) => f.name === 'tick')?.schedule).toBe('0 */5 * * * *');
      clock.advance(60_000); // 10:04:07: not yet
      await flush();
      expect(calls.timers).toHaveLength(0);
      clock.advance(60_000); // 10:05:07: the 10:05:00 occurrence fired at 10:05:00
      await flush();
      expect(calls.timers).toEqual([
        {
          isPastDue: false,
          schedule: { adjustForDST: true },
          scheduleStatus: { last: '2026-11-21T10:03:07.000Z', next: '2026-11-21T10:10:00.000Z', lastUpdated: '2026-11-21T10:05:00.000Z' },
        },
      ]);
      // The next occurrence is armed when the running invocation ends (a timer never overlaps itself).
      for (let i = 0; i < 2; i++) {
        clock.advance(5 * 60_000);
        await flush();
      }
      expect(calls.timers.map((t) => t.scheduleStatus.lastUpdated)).toEqual([
        '2026-11-21T10:05:00.000Z',
        '2026-11-21T10:10:00.000Z',
        '2026-11-21T10:15:00.000Z',
      ]);
    } finally {
      await host.close();
    }
  });

  it('refuses to start when a schedule names a setting that is not set', () => {
    expect(() => new FunctionHost({ functions, settings: {}, log, timers: false })).toThrow(
      'Function "tick" refers to the app setting %TICK_SCHEDULE%, which is not set',
    );
  });
});

describe('authLevel with keys (as in Azure)', () => {
  let host: FunctionHost;
  let url: string;
  beforeAll(async () => ({ host, url } = await startHost({ keys: { master: 'master-key', functions: { getRun: 'fn-key' } } })));
  afterAll(() => host.close());

  it.each<{ name: string; path: string; headers: Record<string, string>; status: number }>([
    { name: 'a function route without a key', path: '/api/runs/f/r', headers: {}, status: 401 },
    { name: 'a function route with its key in ?code', path: '/api/runs/f/r?code=fn-key', headers: {}, status: 200 },
    { name: 'a function route with the master key header', path: '/api/runs/f/r', headers: { 'x-functions-key': 'master-key' }, status: 200 },
    { name: 'a function route with a wrong key', path: '/api/runs/f/r?code=guess', headers: {}, status: 401 },
    { name: 'an admin route with a function key', path: '/api/admin-only?code=fn-key', headers: {}, status: 401 },
    { name: 'an admin route with the master key', path: '/api/admin-only?code=master-key', headers: {}, status: 200 },
    { name: 'an anonymous route without a key', path: '/api/items/3', headers: {}, status: 200 },
  ])('$name → $status', async ({ path: p, headers, status }) => {
    expect((await fetch(`${url}${p}`, { headers })).status).toBe(status);
  });
});

describe('principal handling without a configured principal', () => {
  it('strips spoofed principal headers, and honours the test-only override when allowed', async () => {
    const { host, url } = await startHost({ allowPrincipalOverride: true });
    try {
      const spoofed = await fetch(`${url}/api/runs/f/r`, { headers: { 'x-ms-client-principal-name': 'mallory@evil.example' } });
      expect(((await spoofed.json()) as { principal: unknown }).principal).toBeNull();
      const override = Buffer.from(JSON.stringify({ name: 'approver@contoso.example', objectId: 'oid-2' })).toString('base64');
      const res = await fetch(`${url}/api/runs/f/r`, { headers: { [DEVHOST_PRINCIPAL_HEADER]: override } });
      expect(((await res.json()) as { principal: unknown }).principal).toBe('approver@contoso.example');
    } finally {
      await host.close();
    }
  });
});

describe('HTTP streams: the body reaches the handler as it arrives only when the app enabled them (as in Azure)', () => {
  const invoked: number[] = [];
  // Reads at most 4 KiB and refuses the rest, as readBodyText does.
  const upload: RegisteredFunction = {
    name: 'upload',
    bindings: { trigger: { type: 'httpTrigger', direction: 'in', route: 'upload', methods: ['POST'], authLevel: 'anonymous' } },
    handler: async (request: unknown) => {
      invoked.push(1);
      const reader = (request as { body: ReadableStream<Uint8Array> | null }).body?.getReader();
      let size = 0;
      for (;;) {
        const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
        if (done) return { status: 200 };
        size += value.byteLength;
        if (size > 4096) {
          await reader?.cancel();
          return { status: 413 };
        }
      }
    },
  };

  async function upload24MB(url: string): Promise<{ status: number; written: number }> {
    const { request } = await import('node:http');
    const target = new URL(`${url}/api/upload`);
    return new Promise((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = request({ host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        answered = true;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, written }));
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (!answered && written < 24 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it('streaming: 413 from the handler while the body still arrives; buffered: the whole body is read first', async () => {
    const streaming = await startHost({ functions: [upload], httpStream: true, maxBodyBytes: 100 * 1024 * 1024 });
    const buffered = await startHost({ functions: [upload], httpStream: false, maxBodyBytes: 100 * 1024 * 1024 });
    try {
      const early = await upload24MB(streaming.url);
      expect(early.status).toBe(413);
      expect(early.written).toBeLessThan(8 * 1024 * 1024);
      const late = await upload24MB(buffered.url);
      expect(late.status).toBe(413);
      expect(late.written).toBe(24 * 1024 * 1024);
    } finally {
      await streaming.host.close();
      await buffered.host.close();
    }
  });

  it('streaming: a declared Content-Length over the host limit is a 413 without invoking the function', async () => {
    const { host, url } = await startHost({ functions: [upload], httpStream: true, maxBodyBytes: 1024 });
    try {
      invoked.length = 0;
      const res = await fetch(`${url}/api/upload`, { method: 'POST', body: 'a'.repeat(2048) });
      expect(res.status).toBe(413);
      expect(invoked).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
