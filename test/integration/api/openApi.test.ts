import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionHost, type FunctionSummary } from '../../../devhost/FunctionHost';
import { loadFunctionApp } from '../../../devhost/loadFunctionApp';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import { InMemoryTimerRunLog } from '../../support/fakes/InMemoryTimerRunLog';
import type { FleetPlan, FleetView } from '../../../src/app/fleets/fleetView';
import type { PreflightReport } from '../../../src/domain/preflight/preflightFinding';
import { getHealth } from '../../../src/app/getHealth';
import type { RunDetail } from '../../../src/app/history/runDetail';
import type { ApprovalView } from '../../../src/app/history/approvalHistory';
import type { RunPage } from '../../../src/app/history/runSummary';
import type { CheckEvaluation } from '../../../src/domain/checks/checkEvaluation';
import { DEFAULT_ANALYSIS } from '../../../src/domain/gates/gatePolicy';
import type { GateState } from '../../../src/domain/gates/gateState';
import type { AuditEvent, GateEvidence } from '../../../src/ports';
import { registeredFunctions } from '../../../src/functions/support/functionCatalog';
import { openApiDocument } from '../../../src/functions/support/openApiDocument';
import { problemResponse } from '../../../src/functions/support/problemResponse';
import { appVersion } from '../../../src/version';
import Ajv2020 from 'ajv/dist/2020';

// The OpenAPI document against the app: every HTTP function the app registers is documented at its exact path and
// method with operationId = function name and security matching its authLevel, every documented operation is
// registered, the document is structurally sound, and its schemas accept typed samples of the response types.

const ROOT = path.resolve(__dirname, '../../..');
const FUNCTIONS_DIR = path.join(ROOT, 'src/functions');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Node = Record<string, unknown>;
const doc = JSON.parse(JSON.stringify(openApiDocument('9.9.9'))) as Node;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const node = (v: unknown): Node => (isNode(v) ? v : {});

/** Resolves a local `$ref` (`#/components/...`), or undefined when it points nowhere. */
function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isNode(at) || !(key in at)) return undefined;
    at = at[key];
  }
  return at;
}
const deref = (v: unknown): Node => (isNode(v) && typeof v.$ref === 'string' ? node(resolvePointer(v.$ref)) : node(v));

interface DocumentedOperation {
  readonly key: string;
  readonly path: string;
  readonly method: string;
  readonly operationId: string;
  readonly operation: Node;
}
const operations: DocumentedOperation[] = Object.entries(node(doc.paths)).flatMap(([p, item]) =>
  METHODS.filter((m) => isNode(node(item)[m])).map((m) => {
    const operation = node(node(item)[m]);
    return { key: `${m.toUpperCase()} ${p}`, path: p, method: m.toUpperCase(), operationId: String(operation.operationId), operation };
  }),
);

/** `runs/{fleet:regex(...)}/{run?}` → `/runs/{fleet}/{run}`: constraints, defaults and catch-alls are not path syntax. */
const documentedPathOf = (route: string): string => `/${route.replace(/\{\*?([A-Za-z0-9_]+)[^}]*\}/g, '{$1}')}`;

/** Why the operation's security does not fit the function's authLevel, or undefined when it does. */
function securityMismatch(authLevel: string | undefined, security: unknown): string | undefined {
  if (!Array.isArray(security)) return 'has no `security` (anonymous operations need `security: []`)';
  if (authLevel === 'anonymous') return security.length === 0 ? undefined : `is anonymous but documents security ${JSON.stringify(security)}`;
  const keyed = security.length > 0 && security.every((r) => isNode(r) && ('functionKey' in r || 'functionKeyQuery' in r));
  return keyed ? undefined : `needs a ${authLevel ?? 'function'} key but documents security ${JSON.stringify(security)}`;
}

describe('the OpenAPI document against the registered HTTP functions', () => {
  let http: FunctionSummary[] = [];
  let host: FunctionHost;
  let url = '';

  beforeAll(async () => {
    const files = fs.readdirSync(FUNCTIONS_DIR).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(FUNCTIONS_DIR, f));
    const functions = await loadFunctionApp(files, (f) => import(f));
    host = new FunctionHost({ functions, settings: settingsFor(functions), timers: false, log: () => {} });
    http = host.functions().filter((f) => f.trigger === 'http');
    url = await host.listen(0);
  });
  afterAll(() => host.close());

  it('serves exactly the registered HTTP routes: every path and method, no more, no less', async () => {
    const served = node(await (await fetch(`${url}/api/openapi.json`)).json());
    const documented = Object.entries(node(served.paths)).flatMap(([p, item]) => METHODS.filter((m) => isNode(node(item)[m])).map((m) => `${m.toUpperCase()} ${p}`));
    const registered = http.flatMap((fn) => (fn.methods ?? ['ANY']).map((m) => `${m} ${documentedPathOf(fn.route ?? fn.name)}`));
    expect(documented.sort()).toEqual(registered.sort());
    expect(registered.length).toBeGreaterThan(20);
  });

  it('documents every registered HTTP function at its route and methods, with operationId and security', () => {
    const problems = http.flatMap((fn) => {
      const p = documentedPathOf(fn.route ?? fn.name);
      if (fn.methods === undefined) return [`${fn.name} (${p}) accepts every method: register it with explicit methods`];
      return fn.methods.flatMap((m) => {
        const op = operations.find((o) => o.key === `${m} ${p}`);
        if (op === undefined) return [`${fn.name}: ${m} ${p} is registered but not documented`];
        const wrongId = op.operationId === fn.name ? [] : [`${m} ${p}: operationId is ${op.operationId}, the function is ${fn.name}`];
        const security = securityMismatch(fn.authLevel, op.operation.security);
        return [...wrongId, ...(security === undefined ? [] : [`${fn.name} (${m} ${p}) ${security}`])];
      });
    });
    expect(problems).toEqual([]);
  });

  // One test per documented operation, so a run shows exactly which routes the app does not register (yet).
  it.each(operations.map((o) => [o.operationId, o] as const))('registers the documented operation %s', (_id, op) => {
    const byName = http.find((f) => f.name === op.operationId);
    const at = byName ? `${byName.methods?.join(',') ?? 'any method'} ${documentedPathOf(byName.route ?? byName.name)}` : '';
    expect(byName ? at : `no HTTP function named ${op.operationId}`, `documented as ${op.key}`).toBe(`${op.method} ${op.path}`);
  });

  it('serves the document at GET /api/openapi.json, anonymously, as JSON', async () => {
    const res = await fetch(`${url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument(appVersion))));
  });

  it('lists what /api/health lists: the catalog and the host agree on every HTTP function', () => {
    const catalog = registeredFunctions().filter((f) => f.trigger === 'http').map((f) => [f.name, f.route, f.methods?.map((m) => m.toUpperCase())]);
    expect(catalog).toEqual(http.map((f) => [f.name, f.route, f.methods]));
  });
});

/** Timer schedules name app settings (`%RECONCILE_SCHEDULE%`); timers are off here, so any valid value will do. */
function settingsFor(functions: readonly RegisteredFunction[]): Record<string, string> {
  const texts = functions.flatMap((f) => Object.values(f.bindings).flatMap((b) => Object.values(b))).filter((v) => typeof v === 'string');
  const names = texts.flatMap((t) => [...t.matchAll(/%([^%]+)%/g)].map((m) => m[1] ?? ''));
  return Object.fromEntries(names.map((n) => [n, '0 0 0 1 1 *']));
}

describe('the OpenAPI document structure', () => {
  it('is OpenAPI 3.1.0 for Fleet Conductor at the given version, served under /api', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(node(doc.info)).toMatchObject({ title: 'Fleet Conductor', version: '9.9.9' });
    expect(doc.servers).toEqual([{ url: '/api' }]);
  });

  it('resolves every $ref within components', () => {
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isNode(v)) {
        for (const [k, child] of Object.entries(v)) {
          if (k === '$ref' && typeof child === 'string') refs.push(child);
          else walk(child);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((r) => !r.startsWith('#/components/') || resolvePointer(r) === undefined)).toEqual([]);
  });

  it('declares each path template parameter `in: path, required: true`, and no other path parameter', () => {
    for (const op of operations) {
      const inTemplate = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (Array.isArray(op.operation.parameters) ? op.operation.parameters : []).map(deref).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), op.key).toEqual(inTemplate);
      expect(declared.filter((p) => p.required !== true).map((p) => p.name), op.key).toEqual([]);
    }
  });

  it('uses unique operationIds and only declared security schemes', () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const schemes = Object.keys(node(node(doc.components).securitySchemes));
    expect(schemes.sort()).toEqual(['appServiceAuth', 'functionKey', 'functionKeyQuery']);
    const used = operations.flatMap((o) => (Array.isArray(o.operation.security) ? o.operation.security : []).flatMap((r) => Object.keys(node(r))));
    expect(used.filter((s) => !schemes.includes(s))).toEqual([]);
  });

  it('gives every operation a problem+json error answer, and a 4xx one when it takes parameters or a key', () => {
    const isProblem = (r: unknown): boolean =>
      node(node(node(deref(r).content)['application/problem+json']).schema).$ref === '#/components/schemas/Problem';
    // The one exception docs/design.md §7 allows: health's 503 carries the HealthReport itself, for probes to read.
    const exempt = (op: DocumentedOperation, code: string): boolean => op.operationId === 'health' && code === '503';
    for (const op of operations) {
      const answers = Object.entries(node(op.operation.responses));
      expect(answers.some(([code, r]) => (code === 'default' || /^[45]/.test(code)) && isProblem(r)), op.key).toBe(true);
      const needs4xx = Array.isArray(op.operation.parameters) || (Array.isArray(op.operation.security) && op.operation.security.length > 0);
      if (needs4xx) expect(answers.some(([code, r]) => code.startsWith('4') && isProblem(r)), op.key).toBe(true);
      // Every error answer of this API is problem+json (docs/design.md §7), the operation's own ones included.
      const notProblem = answers.filter(([code, r]) => (code === 'default' || /^[45]/.test(code)) && !isProblem(r) && !exempt(op, code));
      expect(notProblem.map(([code]) => code), op.key).toEqual([]);
    }
  });

  const OPERATOR_ACTIONS = ['stopRun', 'resumeRun', 'abandonRun', 'skipRunTargets', 'retryGate', 'overrideGate', 'pauseFleet', 'unpauseFleet'];
  it('asks for the App Service principal on the operator actions, and only there; each takes a body with a reason', () => {
    const withPrincipal = operations.filter((o) => JSON.stringify(o.operation.security).includes('appServiceAuth')).map((o) => o.operationId);
    expect(withPrincipal.sort()).toEqual([...OPERATOR_ACTIONS].sort());
    for (const id of OPERATOR_ACTIONS) {
      const action = operations.find((o) => o.operationId === id);
      expect((action?.operation.security as Node[]).every((r) => 'appServiceAuth' in r), id).toBe(true);
      expect(Object.keys(node(action?.operation.responses)), id).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409']));
      const body = deref(node(node(node(node(action?.operation.requestBody).content)['application/json']).schema));
      expect(body.required, id).toContain('reason');
    }
  });

  it('compiles in strict Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1), every component', () => {
    expect(() => validatorOf('RunDetail')).not.toThrow();
    for (const name of Object.keys(node(node(doc.components).schemas))) expect(() => validatorOf(name), name).not.toThrow();
  });
});

// The samples are checked by Ajv against the components of the generated document, with the two formats it uses.
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const ajv = new Ajv2020({ allErrors: true, strict: true })
  .addFormat('date-time', ISO_DATE_TIME)
  .addFormat('uri-reference', /^\S*$/)
  // `components` only holds the schemas the refs point into (`#/components/schemas/…`).
  .addVocabulary(['components'])
  .addSchema({ $id: 'openapi', components: doc.components });
const validatorOf = (name: string) => ajv.getSchema(`openapi#/components/schemas/${name}`) ?? (() => { throw new Error(`no component ${name}`); })();

/** Every violation of the component `name` by `value`, each with its location. */
function violations(name: string, value: unknown): string[] {
  const validate = validatorOf(name);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `$${e.instancePath.replace(/\//g, '.')}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`);
}

/** What the client receives: JSON drops undefined members. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** T with every optional member present, recursively: samples typed with it exercise every documented property. */
type Full<T> = T extends GateState
  ? T
  : T extends readonly (infer U)[]
    ? readonly Full<U>[]
    : T extends object
      ? { readonly [K in keyof T]-?: Full<T[K]> }
      : T;

const T0 = '2026-11-21T12:00:00.000Z';
const T1 = '2026-11-21T12:05:00.000Z';
const FLEET_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/prod';
const GATE_ID = '0b6f3c1e-5a7d-4c2e-9f10-1a2b3c4d5e6f';
const target = { kind: 'kubernetes', version: '1.33.4' } as const;
const reason = { code: 'NotInRegion', message: '1.33.4 is not in westeurope yet.', version: '1.33.4', regions: ['westeurope'], member: 'm1', until: T1, matched: 'w' } as const;
const times = { state: 'Completed', startTime: T0, completedTime: T1 };
const gateRef = { fleetId: FLEET_ID, runName: 'run-1', gateId: GATE_ID };

const auditEvent: Full<AuditEvent> = { id: 'e1', at: T0, fleetId: FLEET_ID, runName: 'run-1', kind: 'GateTransition', actor: 'fleet-conductor', message: 'Soaking', gateId: GATE_ID, data: { from: 'Observed', n: 1, nested: { ok: true } } };

const evaluation: Full<CheckEvaluation> = {
  checkName: 'nodes-ready',
  checkType: 'nodes-ready',
  dryRun: false,
  outcome: 'Successful',
  reason: 'AllClustersPassed',
  message: 'All 2 clusters have every node Ready.',
  comparator: '<=',
  threshold: 0,
  perCluster: [
    { clusterId: '/subscriptions/s/.../c1', value: 0, outcome: 'Successful', reason: 'ThresholdMet' },
    { clusterId: '/subscriptions/s/.../c2', value: null, outcome: 'Inconclusive', reason: 'NoData' },
  ],
  evidence: { query: 'KubeNodeInventory | take 1', window: { start: T0, end: T1 }, columns: ['clusterId', 'value'], rows: [['c1', 0], ['c2', null]], truncatedRows: 0, error: { code: 'Throttled', message: 'Too many requests' } },
};
const evidence: Full<GateEvidence> = { gate: gateRef, measurement: 1, at: T1, evaluations: [evaluation] };

const gateState: GateState = {
  version: 3,
  gate: { ...gateRef, displayName: 'conductor:canary', policyId: 'canary', stage: 'canary', group: 'prod-us', timing: 'After' },
  policy: { id: 'canary', checks: [{ type: 'nodes-ready', name: 'nodes-ready', lookbackMinutes: 15, threshold: 0 }], analysis: DEFAULT_ANALYSIS, approval: { approvers: { users: ['ops@contoso.example'], objectIds: [], groups: [] }, quorum: 1, expiresAfterMinutes: 1440, onExpire: 'hold', onReject: 'stop', requireChecksFirst: true, channels: {} } },
  observedAt: T0,
  clusters: [{ clusterId: '/subscriptions/s/.../c1', memberName: 'm1', state: 'Completed' }],
  excludedMembers: [{ memberName: 'm3', clusterId: '/subscriptions/s/.../c3', state: 'Skipped', reason: 'MemberSkipped' }],
  failedMembers: [{ memberName: 'm4', clusterId: '/subscriptions/s/.../c4' }],
  targetNotFound: 'canary/prod-eu',
  phase: { name: 'Checking', measurement: 2, plannedAt: T1, windowEnd: T1, requestedAt: T1 },
  checks: [{ name: 'nodes-ready', dryRun: false, phase: 'Running', count: 1, successful: 1, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0, lastOutcome: 'Successful', reason: 'ChecksPassed' }],
  pendingCommand: { action: { kind: 'stopRun', gate: gateRef, reason: 'CheckFailed', message: 'nodes-ready failed' }, sentAt: T1 },
  approval: { requestedAt: T0, granted: { at: T1, by: 'ops@contoso.example', comment: 'canary looks fine' } },
  history: [{ at: T0, from: 'Observed', to: 'Soaking', reason: 'SoakStarted', message: 'Soaking 300 s' }],
};

const rearmedGate: GateState = {
  ...gateState,
  attempt: 2,
  firstMeasurement: 3,
  previousAttempts: [{ attempt: 1, observedAt: T0, endedPhase: 'Failed', endedAt: T1, lastMeasurement: 2, rearmedBy: 'ops@contoso.com', reason: 'cluster healed' }],
};

const runDetail: Full<RunDetail> = {
  run: {
    ...times,
    fleetName: 'prod',
    fleetId: FLEET_ID,
    runName: 'run-1',
    createdAt: T0,
    observedAt: T1,
    target,
    createdBy: 'fleet-conductor',
    lastSeenAt: T0,
    stages: [
      {
        ...times,
        name: 'canary',
        groups: [
          {
            ...times,
            name: 'prod-us',
            members: [{ ...times, name: 'm1', clusterResourceId: '/subscriptions/s/.../c1', message: 'Upgraded', error: { code: 'UpgradeFailed', message: 'boom' } }],
            gates: [{ ...times, displayName: 'conductor:canary', timing: 'After', gateId: GATE_ID }],
          },
        ],
        gates: [{ ...times, displayName: 'conductor:canary', timing: 'Before', gateId: GATE_ID }],
        afterStageWait: { ...times, waitDurationInSeconds: 3600 },
      },
    ],
  },
  creation: { trigger: { kind: 'aksEvent', eventIds: ['ev-1'] }, explanation: [reason], createdBy: 'fleet-conductor', createdAt: T0, attempt: 1 },
  gates: [{ state: gateState, evidence: [evidence] }],
  approvals: [],
  events: [auditEvent],
  timeline: [{ at: T0, scope: 'gate', subject: 'conductor:canary', what: 'Soaking' }],
  diagnosis: {
    diagnosedAt: T1,
    state: 'stuck',
    lastProgressAt: T0,
    stuckForMinutes: 150,
    causes: [{ kind: 'MemberPendingMaintenanceWindow', subject: 'm1', since: T0, until: T1, message: 'm', evidence: { configuration: 'aksManagedAutoUpgradeSchedule' }, fix: 'f' }],
    inFlight: ['member m2 upgrading'],
    unread: [{ what: 'warningEvents', subject: 'workspace w', error: 'HTTP 503' }],
  },
};

const runPage: Full<RunPage> = {
  items: [{ fleet: 'prod', run: 'run-1', state: 'Running', target, createdAt: T0, startedAt: T0, completedAt: T1, createdBy: 'fleet-conductor', observedAt: T1 }],
  continuationToken: 'opaque',
};

const member = { name: 'm1', group: 'prod-us', clusterResourceId: '/subscriptions/s/.../c1', region: 'eastus', kubernetesVersion: '1.32.7', nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202511.02.0'], autoUpgradeChannel: 'patch' };
const fleetView: Full<FleetView> = {
  name: 'prod',
  fleetId: FLEET_ID,
  strategy: 'prod-rings',
  releaseMode: 'explicit',
  channel: 'stable',
  members: [member],
  versions: { '1.32.7': 1 },
  drift: false,
  release: { evaluatedAt: T0, outcome: 'wait', target, runName: 'run-2', reasons: [reason], warnings: [{ ...reason, code: 'MemberAutoUpgradeOn', message: 'm1 upgrades itself.' }] },
  alerts: [auditEvent],
  unknownMembers: ['ghost'],
  blocked: { run: 'run-1', gateId: GATE_ID, since: T0, cause: 'GateFailed', why: 'a health gate failed', actions: ['resume', 'abandon'] },
  paused: { fleetId: FLEET_ID, at: T0, by: 'ops@contoso.com', reason: 'incident 42' },
  preflight: {
    report: {
      fleet: 'prod',
      fleetId: FLEET_ID,
      checkedAt: T0,
      plannedAt: T0,
      checked: ['groups'],
      findings: [{ area: 'maintenance', code: 'MaintenanceWindowClosed', severity: 'warning', subject: 'm1', message: 'm', evidence: { nextOpeningAt: T1 }, fix: 'f' }],
    },
    configHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    trigger: 'configChanged',
  },
};

const planned = { name: 'm1', current: '1.32.7', reasons: [reason] };
const fleetPlan: Full<FleetPlan> = {
  fleet: 'prod',
  evaluatedAt: T0,
  outcome: 'createRun',
  target,
  runName: 'run-2',
  stages: [{ name: 'canary', groups: [{ name: 'prod-us', members: ['m1'] }] }],
  upgrade: [planned],
  skip: [planned],
  pending: [planned],
  reasons: [reason],
  warnings: [reason],
};

const preflightReport: Full<PreflightReport> = {
  fleet: 'prod',
  fleetId: FLEET_ID,
  checkedAt: T0,
  plannedAt: T1,
  checked: ['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace'],
  findings: [{ area: 'groups', code: 'GroupCaseMismatch', severity: 'error', subject: 'prod-1', message: 'm', evidence: { memberGroup: 'Prod', strategyGroup: 'prod' }, fix: 'f' }],
};

describe('the OpenAPI schemas against the response types', () => {
  it.each([
    ['RunPage', runPage],
    ['RunPage', { items: [{ fleet: 'prod', run: 'run-1', state: 'Pending', createdAt: T0, createdBy: 'someone', observedAt: T0 }] } satisfies RunPage],
    ['RunDetail', runDetail],
    ['RunDetail', { run: { state: 'NotStarted', fleetName: 'prod', fleetId: FLEET_ID, runName: 'r', createdAt: T0, observedAt: T0, createdBy: 'x', stages: [] }, gates: [], approvals: [], events: [], timeline: [] } satisfies RunDetail],
    ['GateDetail', { state: { ...gateState, phase: { name: 'Rejected', at: T1, by: 'ops@contoso.com', comment: 'not today' } }, evidence: [] }],
    ['AuditEventList', { items: [auditEvent, { ...auditEvent, gateId: undefined, data: undefined }] }],
    ['FleetView', fleetView],
    ['FleetView', { name: 'prod', fleetId: FLEET_ID, strategy: 's', members: [], versions: {}, drift: false, alerts: [], unknownMembers: [] } satisfies FleetView],
    ['FleetList', { items: [{ name: 'prod', fleetId: FLEET_ID, strategy: 's' }, { name: 'p2', fleetId: FLEET_ID, strategy: 's', releaseMode: 'profile', channel: 'Rapid' }] }],
    ['FleetPlan', fleetPlan],
    ['FleetPlan', { fleet: 'prod', evaluatedAt: T0, outcome: 'upToDate', stages: [], upgrade: [], skip: [], pending: [], reasons: [], warnings: [] } satisfies FleetPlan],
    ['StopAccepted', { fleet: 'prod', run: 'run-1', state: 'Stopping' }],
    ['PreflightReport', preflightReport],
    ['GateDetail', { state: rearmedGate, evidence: [] }],
    ['GateDetail', { state: { ...gateState, phase: { name: 'Bypassed', at: T1, by: 'ops@contoso.com', reason: 'checks are wrong; verified by hand' } }, evidence: [] }],
    ['SkipRequest', { reason: 'r', targets: [{ type: 'Member', name: 'm1' }, { type: 'AfterStageWait', name: 'canary' }] }],
    ['PauseRequest', { reason: 'incident 42', stopActive: true }],
    ['OperatorReason', { reason: 'incident 42' }],
    [
      'ApprovalView',
      {
        gateId: GATE_ID, gate: 'conductor:canary', policyId: 'canary', requestId: 'r-1', requestedAt: T0, expiresAt: T1, channels: ['teams'],
        asked: { users: ['a@contoso.com'], objectIds: ['oid'], groups: ['g'], quorum: 1 }, evidenceVersion: 3, outcome: 'rejected', closedAt: T1,
        decisions: [{ by: 'a@contoso.com', objectId: 'oid', decision: 'reject', at: T1, comment: 'no', evidenceVersion: 4 }], link: 'https://x/api/approvals/t',
      } satisfies ApprovalView,
    ],
  ] as const)('%s accepts a typed sample', (name, sample) => {
    expect(violations(name, wire(sample))).toEqual([]);
  });

  it('rejects what the types do not allow (the validator is not vacuous)', () => {
    expect(violations('RunPage', { items: [{ fleet: 'prod' }], extra: 1 })).toEqual(
      expect.arrayContaining(['$: must NOT have additional properties (extra)', "$.items.0: must have required property 'run'"]),
    );
    expect(violations('Reason', { code: 'Nope', message: 'm', until: 'tomorrow' })).toHaveLength(2);
  });

  it('HealthReport accepts what getHealth answers, with and without timer runs', async () => {
    const timerRuns = new InMemoryTimerRunLog();
    const functions = [...registeredFunctions(), { name: 'tick', trigger: 'timer' as const, schedule: '0 */5 * * * *' }, { name: 'tock', trigger: 'timer' as const, schedule: '%S%' }];
    await timerRuns.upsertTimerRun({ functionName: 'tick', schedule: '0 */5 * * * *', startedAt: T0, finishedAt: T1, isPastDue: true, outcome: 'Failed', error: 'boom' });
    const report = await getHealth({ timerRuns, clock: { nowIso: () => T1 }, version: appVersion }, functions);
    expect(violations('HealthReport', wire(report))).toEqual([]);
    const broken = { listTimerRuns: () => Promise.reject(new Error('down')), upsertTimerRun: () => Promise.resolve() };
    const degraded = await getHealth({ timerRuns: broken, clock: { nowIso: () => T1 }, version: appVersion }, functions);
    expect(degraded.status).toBe('degraded');
    expect(violations('HealthReport', wire(degraded))).toEqual([]);
  });

  it('Problem accepts what problemResponse answers, including the 400 parameter list', () => {
    const res = problemResponse(400, 'Bad Request', 'limit must be 1-200', { errors: [{ parameter: 'limit', message: 'must be 1-200' }] });
    expect(typeof res.body).toBe('string');
    expect(violations('Problem', JSON.parse(res.body as string))).toEqual([]);
  });
});
