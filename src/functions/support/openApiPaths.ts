import { type Schema } from './openApiSchemaKit';
import { ref, type SchemaName } from './openApiSchemaNames';

// `paths`, `components/parameters` and `components/responses` of the operator API. One entry per HTTP function
// the app registers; operationId is the function name so the test can match the document to the registrations.

/** ARM resource name rule for fleets and runs (lowercase alphanumerics and inner hyphens). */
export const ARM_NAME_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

type AuthLevel = 'anonymous' | 'function' | 'operator';

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const problemResponse = (description: string): Schema => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const respond = (name: ResponseName): Schema => ({ $ref: `#/components/responses/${name}` });
const param = (name: 'fleet' | 'run'): Schema => ({ $ref: `#/components/parameters/${name}` });

type ResponseName = 'BadRequest' | 'Unauthorized' | 'NotFound' | 'ServerError';

export const responses: Record<ResponseName, Schema> = {
  BadRequest: problemResponse('A parameter is invalid; `errors` names each bad parameter.'),
  Unauthorized: problemResponse('The function key is missing or wrong (the Functions host answers before the app runs).'),
  NotFound: problemResponse('No such fleet or run.'),
  ServerError: problemResponse('Unexpected failure.'),
};

const armName = (what: string, maxLength: number): Schema => ({ type: 'string', minLength: 1, maxLength, pattern: ARM_NAME_PATTERN, description: what });

export const parameters: Record<'fleet' | 'run', Schema> = {
  fleet: { name: 'fleet', in: 'path', required: true, description: 'Fleet name', schema: armName('Fleet name (ARM name rule)', 63) },
  run: { name: 'run', in: 'path', required: true, description: 'Update run name', schema: armName('Update run name (ARM name rule)', 50) },
};

/**
 * Security per authLevel. `function`: a function (or host) key, in the `x-functions-key` header or the `code`
 * query parameter. `operator`: a key plus the App Service authentication principal (the app reads its roles).
 */
function security(auth: AuthLevel): Schema[] {
  if (auth === 'anonymous') return [];
  const principal = auth === 'operator' ? { appServiceAuth: [] } : {};
  return [
    { functionKey: [], ...principal },
    { functionKeyQuery: [], ...principal },
  ];
}

interface OperationSpec {
  readonly operationId: string;
  readonly tag: 'runs' | 'fleets' | 'service' | 'approvals';
  readonly summary: string;
  readonly description?: string;
  readonly auth: AuthLevel;
  readonly parameters?: readonly Schema[];
  /** A JSON request body (operator actions). */
  readonly body?: SchemaName;
  readonly responses: Readonly<Record<string, Schema>>;
}

function operation(spec: OperationSpec): Schema {
  const keyed = spec.auth !== 'anonymous';
  const hasParameters = (spec.parameters?.length ?? 0) > 0 || spec.body !== undefined;
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(hasParameters ? { parameters: spec.parameters } : {}),
    ...(spec.body !== undefined ? { requestBody: { required: true, content: json(ref(spec.body)) } } : {}),
    security: security(spec.auth),
    responses: {
      ...(hasParameters ? { '400': respond('BadRequest') } : {}),
      ...(keyed ? { '401': respond('Unauthorized') } : {}),
      // Listed last so an operation's own answer (e.g. stopRun's 401 "no principal") replaces the shared one.
      ...spec.responses,
      default: respond('ServerError'),
    },
  };
}

const ok = (description: string, schema: SchemaName): Schema => ({ description, content: json(ref(schema)) });
const runParams = [param('fleet'), param('run')];
const approvalToken: Schema = {
  name: 'token',
  in: 'path',
  required: true,
  description: 'Signed approval link token (base64url payload and HMAC)',
  schema: { type: 'string', minLength: 3, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' },
};

const query = (name: string, description: string, schema: Schema): Schema => ({ name, in: 'query', required: false, description, schema });
const gateIdParam: Schema = {
  name: 'gateId',
  in: 'path',
  required: true,
  description: 'The Fleet gate name (a GUID)',
  schema: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
};

/**
 * An operator action (issue 11): operator auth, a JSON body with the required `reason`, and the same answers —
 * 401/403 before anything is read, 400 naming each bad field, 404, 409 naming the state; none changes anything.
 */
function operatorAction(spec: {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly parameters: readonly Schema[];
  readonly body?: SchemaName;
  readonly done?: Schema;
  readonly accepted?: Schema;
  readonly conflict: string;
}): Schema {
  return operation({
    operationId: spec.operationId,
    tag: spec.parameters.length > 1 ? 'runs' : 'fleets',
    summary: spec.summary,
    description: `Needs the operator role: \`Conductor.Operator\` among the roles of the App Service authentication principal. Audited with the caller, the time and the reason.${spec.description ? ` ${spec.description}` : ''}`,
    auth: 'operator',
    parameters: spec.parameters,
    body: spec.body ?? 'OperatorReason',
    responses: {
      ...(spec.done ? { '200': spec.done } : {}),
      ...(spec.accepted ? { '202': spec.accepted } : {}),
      '401': problemResponse('No function key, or no authenticated Entra ID principal.'),
      '403': problemResponse('No trusted principal source (CONDUCTOR_PRINCIPAL_SOURCE), or the principal lacks the `Conductor.Operator` role.'),
      '413': problemResponse('Body over 16 KB.'),
      '404': respond('NotFound'),
      '409': problemResponse(`${spec.conflict} \`state\` names the state.`),
    },
  });
}

export const paths: Record<string, Record<string, Schema>> = {
  '/health': {
    get: operation({
      operationId: 'health',
      tag: 'service',
      summary: 'Version, registered functions and the last run of each timer',
      description: 'Anonymous for load balancers and uptime probes; it reveals no fleet state.',
      auth: 'anonymous',
      responses: { '200': ok('Healthy', 'HealthReport'), '503': ok('Degraded: state storage cannot be read, a fleet is blocked by a held run, or a gate is held Inconclusive', 'HealthReport') },
    }),
  },
  '/openapi.json': {
    get: operation({
      operationId: 'openApi',
      tag: 'service',
      summary: 'This OpenAPI document',
      auth: 'anonymous',
      responses: { '200': { description: 'The OpenAPI 3.1 document of this API', content: json({ type: 'object' }) } },
    }),
  },
  '/runs': {
    get: operation({
      operationId: 'listRuns',
      tag: 'runs',
      summary: 'Update runs, newest first, one page at a time',
      auth: 'function',
      parameters: [
        query('fleet', 'Only runs of this fleet', armName('Fleet name (ARM name rule)', 63)),
        query('state', 'Only runs in this Fleet UpdateState', ref('UpdateState')),
        query('since', 'Only runs created at or after this time', { type: 'string', format: 'date-time' }),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
        query('continuationToken', 'The `continuationToken` of the previous page (opaque)', { type: 'string', minLength: 1, maxLength: 2048 }),
      ],
      responses: { '200': ok('One page of runs', 'RunPage') },
    }),
  },
  '/runs/{fleet}/{run}': {
    get: operation({
      operationId: 'getRun',
      tag: 'runs',
      summary: 'Everything known about one run: status tree, creation, gates with evidence, events, timeline',
      auth: 'function',
      parameters: runParams,
      responses: { '200': ok('The run', 'RunDetail'), '404': respond('NotFound') },
    }),
  },
  '/runs/{fleet}/{run}/events': {
    get: operation({
      operationId: 'listRunEvents',
      tag: 'runs',
      summary: "The run's audit trail, oldest first",
      auth: 'function',
      parameters: runParams,
      responses: { '200': ok('The audit trail', 'AuditEventList'), '404': respond('NotFound') },
    }),
  },
  '/runs/{fleet}/{run}/stop': {
    post: operatorAction({
      operationId: 'stopRun',
      summary: 'Stop a running update run',
      description: 'The stop holds the fleet: nothing starts again until an operator resumes or abandons the run. `comment` is still read as the reason.',
      parameters: runParams,
      accepted: ok('Stop requested; Fleet stops the run asynchronously', 'StopAccepted'),
      conflict: 'The run is not running or pending.',
    }),
  },
  '/runs/{fleet}/{run}/resume': {
    post: operatorAction({
      operationId: 'resumeRun',
      summary: 'Restart a stopped or failed run',
      description: 'Gates the run had decided Failed, Rejected, Expired, Cancelled or Inconclusive (and still Pending in Fleet) are re-armed: a new decision cycle (soak, checks, approval), linked to the old one as a new attempt. Fleet\'s start is sent once.',
      parameters: runParams,
      accepted: ok('Started; `rearmedGates` lists the gates decided again', 'OperatorResult'),
      conflict: 'The run is not Stopped or Failed, was abandoned or deleted, or the fleet is paused.',
    }),
  },
  '/runs/{fleet}/{run}/abandon': {
    post: operatorAction({
      operationId: 'abandonRun',
      summary: 'Give up on a run: stop it if needed; it no longer holds the fleet',
      description: 'The next eligible (newer) release may proceed; the abandoned target gets no new run.',
      parameters: runParams,
      done: ok('Abandoned', 'OperatorResult'),
      conflict: 'The run completed, was already abandoned, or was not created by Conductor.',
    }),
  },
  '/runs/{fleet}/{run}/skip': {
    post: operatorAction({
      operationId: 'skipRunTargets',
      summary: 'Skip members, groups, stages or after-stage waits of a run (Fleet skip)',
      parameters: runParams,
      body: 'SkipRequest',
      done: ok('Skip sent to Fleet', 'OperatorResult'),
      conflict: 'The run is in a state Fleet does not skip targets in.',
    }),
  },
  '/runs/{fleet}/{run}/gates/{gateId}/retry': {
    post: operatorAction({
      operationId: 'retryGate',
      summary: 'Re-measure a held (Inconclusive) or Failed gate of a running run',
      description: 'A new decision cycle; the gate passes only when every check passes on fresh data.',
      parameters: [...runParams, gateIdParam],
      done: ok('Re-armed', 'OperatorResult'),
      conflict: 'The gate is not Inconclusive or Failed, the run is not running, or the Fleet gate is no longer Pending.',
    }),
  },
  '/runs/{fleet}/{run}/gates/{gateId}/override': {
    post: operatorAction({
      operationId: 'overrideGate',
      summary: 'Complete the Fleet gate despite the checks, recorded as Bypassed by the operator',
      parameters: [...runParams, gateIdParam],
      done: ok('Bypassed; Fleet gate completion sent', 'OperatorResult'),
      conflict: 'The gate already passed or was bypassed, or the Fleet gate is no longer Pending.',
    }),
  },
  '/runs/{fleet}/{run}/view': {
    get: operation({
      operationId: 'runTimelineView',
      tag: 'runs',
      summary: 'The run as an HTML page: status tree, gates, evidence and timeline',
      auth: 'function',
      parameters: runParams,
      responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '404': respond('NotFound') },
    }),
  },
  '/console/runs': {
    get: operation({
      operationId: 'consoleRuns',
      tag: 'runs',
      summary: 'Operator console: the runs list as an HTML page, filtered by fleet and state (empty = all)',
      auth: 'function',
      parameters: [
        query('fleet', 'Only runs of this fleet (empty: all)', { type: 'string', maxLength: 63 }),
        query('state', 'Only runs in this Fleet UpdateState (empty: all)', { type: 'string' }),
        query('continuationToken', 'The next page, from the page\'s "Older runs" link', { type: 'string', minLength: 1, maxLength: 2048 }),
      ],
      responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
    }),
  },
  '/console/fleets/{fleet}': {
    get: operation({
      operationId: 'consoleFleet',
      tag: 'fleets',
      summary: 'Operator console: one fleet as an HTML page (members, versions, drift, pending release and why, recent runs)',
      auth: 'function',
      parameters: [param('fleet')],
      responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '404': respond('NotFound') },
    }),
  },
  '/fleets': {
    get: operation({
      operationId: 'listFleets',
      tag: 'fleets',
      summary: 'The fleets Conductor manages',
      auth: 'function',
      responses: { '200': ok('The fleets', 'FleetList') },
    }),
  },
  '/fleets/{fleet}': {
    get: operation({
      operationId: 'getFleet',
      tag: 'fleets',
      summary: 'Members, versions, drift, and why a pending release is (not yet) eligible',
      auth: 'function',
      parameters: [param('fleet')],
      responses: { '200': ok('The fleet', 'FleetView'), '404': respond('NotFound') },
    }),
  },
  '/fleets/{fleet}/pause': {
    post: operatorAction({
      operationId: 'pauseFleet',
      summary: 'Incident freeze: no run is created or started for the fleet while paused',
      description: 'Running runs are left alone unless `stopActive` is true. The plan and the fleet view say why nothing starts.',
      parameters: [param('fleet')],
      body: 'PauseRequest',
      done: ok('Paused', 'OperatorResult'),
      conflict: 'The fleet is already paused.',
    }),
  },
  '/fleets/{fleet}/unpause': {
    post: operatorAction({
      operationId: 'unpauseFleet',
      summary: 'Lift the freeze',
      parameters: [param('fleet')],
      done: ok('Unpaused', 'OperatorResult'),
      conflict: 'The fleet is not paused.',
    }),
  },
  '/fleets/{fleet}/plan': {
    get: operation({
      operationId: 'getFleetPlan',
      tag: 'fleets',
      summary: 'Dry run: the run that would be created now, and what would happen to each member',
      auth: 'function',
      parameters: [param('fleet')],
      responses: { '200': ok('The plan', 'FleetPlan'), '404': respond('NotFound') },
    }),
  },
  '/fleets/{fleet}/preflight': {
    get: operation({
      operationId: 'getFleetPreflight',
      tag: 'fleets',
      summary: 'Preflight: permissions, update groups, versions, auto-upgrade channels, maintenance windows and workspace data, each finding with evidence and a fix',
      auth: 'function',
      parameters: [param('fleet'), query('at', 'When the run is planned to start (maintenance windows are evaluated then); default now', { type: 'string', format: 'date-time' })],
      responses: { '200': ok('The preflight report', 'PreflightReport'), '404': respond('NotFound') },
    }),
  },
  '/approvals/{token}': {
    get: operation({
      operationId: 'approvalPage',
      tag: 'approvals',
      summary: 'The approval landing page for a gate: evidence, decisions so far, Approve/Reject form (HTML, no JavaScript)',
      description:
        'The link token (from the Teams card or webhook message) names the gate and request; the approver is the App Service authentication principal, never the link.',
      auth: 'anonymous',
      parameters: [approvalToken, query('decision', 'Preselects a button; never decides by itself', { type: 'string', enum: ['approve', 'reject'] })],
      responses: {
        '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': problemResponse('No authenticated Entra ID principal.'),
        '403': problemResponse('No trusted principal source (CONDUCTOR_PRINCIPAL_SOURCE), or the link was altered or not issued by this Conductor.'),
        '409': problemResponse('The approval record failed its integrity check.'),
        '410': problemResponse('The link expired, or its request was replaced.'),
        '503': problemResponse('Approvals are disabled (APPROVAL_TOKEN_KEY unset or unusable).'),
      },
    }),
    post: operation({
      operationId: 'decideApproval',
      tag: 'approvals',
      summary: "Record the signed-in principal's decision (the page's form)",
      description:
        'application/x-www-form-urlencoded `decision` (approve|reject), `comment`, `evidenceVersion`, `formToken` (CSRF token from the page, bound to the link and the principal). Cross-site posts (Sec-Fetch-Site / Origin) are refused. A second decision by the same approver does not count twice.',
      auth: 'anonymous',
      parameters: [approvalToken],
      responses: {
        '303': { description: 'Recorded (or already recorded): back to the page' },
        '401': problemResponse('No authenticated Entra ID principal.'),
        '403': problemResponse('No trusted principal source, not an approver, the same person under another object id, cross-site post, bad form token, or an altered link.'),
        '409': problemResponse('The request is already granted or rejected, or its record failed its integrity check.'),
        '410': problemResponse('The link or the request expired.'),
        '413': problemResponse('Body over 8 KB.'),
        '415': problemResponse('Not a form post.'),
        '429': problemResponse('Too many refused attempts on this link (Retry-After).'),
        '503': problemResponse('Approvals are disabled (APPROVAL_TOKEN_KEY unset or unusable).'),
      },
    }),
  },
  '/approvals/callback': {
    post: operation({
      operationId: 'approvalCallback',
      tag: 'approvals',
      summary: 'A decision from another system, HMAC-signed (schema in src/domain/approvals/README.md)',
      description:
        'Headers `x-conductor-timestamp` (epoch seconds, within 300 s) and `x-conductor-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the channel secret; each decision `id` is accepted once.',
      auth: 'anonymous',
      responses: {
        '200': { description: 'Recorded (or already recorded by this approver)', content: json({ type: 'object', properties: { result: { type: 'string' }, outcome: { type: 'string' } } }) },
        '400': problemResponse('Missing or malformed headers or body.'),
        '401': problemResponse('Bad signature or a timestamp outside the replay window.'),
        '403': problemResponse('The approver is not allowed, or the secret is not the request channel\'s.'),
        '404': problemResponse('No such request for the gate.'),
        '409': problemResponse('Replayed decision id, the request is closed, or its record failed its integrity check.'),
        '410': problemResponse('The request expired.'),
        '413': problemResponse('Body over 16 KB.'),
        '429': problemResponse('Too many refused callbacks (Retry-After).'),
        '503': problemResponse('Approvals are disabled (APPROVAL_TOKEN_KEY unset or unusable).'),
      },
    }),
  },
};
