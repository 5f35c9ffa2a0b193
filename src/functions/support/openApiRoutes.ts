import type { z } from 'zod';
import { callbackDecisionSchema } from '../../domain/approvals/callbackDecision';
import type { ResponseName } from './apiSchemas';
import {
  approvalPageQuery,
  approvalTokenParams,
  consoleRunsQuery,
  decisionForm,
  fleetParams,
  gateParams,
  listRunsQuery,
  operatorReasonBody,
  pauseBody,
  preflightQuery,
  runParams,
  skipBody,
} from './requestSchemas';

/** Who may call: anonymous, a function key, or a function key plus an App Service principal with the operator role. */
export type AuthLevel = 'anonymous' | 'function' | 'operator';

/** One answer: a JSON schema by name, an HTML page, or a problem+json with its meaning. */
export type Answer =
  | { readonly description: string; readonly json?: ResponseName | 'object' }
  | { readonly description: string; readonly html: true }
  | { readonly description: string; readonly problem: true };

/**
 * One operation of the HTTP API, as the OpenAPI document shows it. operationId is the function name, so the test can
 * match the document to the registrations; inputs are the very schemas the handler parses with (requestSchemas).
 */
export interface ApiRoute {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  /** The path under /api, with `{parameter}` templates. */
  readonly path: string;
  readonly tag: 'runs' | 'fleets' | 'service' | 'approvals';
  readonly summary: string;
  readonly description?: string;
  readonly auth: AuthLevel;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** A JSON body (`name` is its components/schemas name) or the approval page's form. */
  readonly body?: { readonly name: string; readonly schema: z.ZodType } | { readonly form: z.ZodObject };
  readonly responses: Readonly<Record<string, Answer>>;
}

const problem = (description: string): Answer => ({ description, problem: true });
const ok = (description: string, json: ResponseName): Answer => ({ description, json });
const html: Answer = { description: 'HTML page', html: true };
const notFound = problem('No such fleet or run.');
const approvalsDisabled = problem('Approvals are disabled (APPROVAL_TOKEN_KEY unset or unusable).');

/**
 * An operator action (issue 11): operator auth, a JSON body with the required `reason`, and the same answers —
 * 401/403 before anything is read, 400 naming each bad field, 404, 409 naming the state; none changes anything.
 */
function operatorAction(spec: {
  readonly operationId: string;
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly params: z.ZodObject;
  readonly body?: { readonly name: string; readonly schema: z.ZodType };
  readonly done?: Answer;
  readonly accepted?: Answer;
  readonly conflict: string;
}): ApiRoute {
  return {
    operationId: spec.operationId,
    method: 'post',
    path: spec.path,
    tag: spec.params === fleetParams ? 'fleets' : 'runs',
    summary: spec.summary,
    description: `Needs the operator role: \`Conductor.Operator\` among the roles of the App Service authentication principal. Audited with the caller, the time and the reason.${spec.description ? ` ${spec.description}` : ''}`,
    auth: 'operator',
    params: spec.params,
    body: spec.body ?? { name: 'OperatorReason', schema: operatorReasonBody },
    responses: {
      ...(spec.done ? { '200': spec.done } : {}),
      ...(spec.accepted ? { '202': spec.accepted } : {}),
      '401': problem('No function key, or no authenticated Entra ID principal.'),
      '403': problem('No trusted principal source (CONDUCTOR_PRINCIPAL_SOURCE), or the principal lacks the `Conductor.Operator` role.'),
      '413': problem('Body over 16 KB.'),
      '404': notFound,
      '409': problem(`${spec.conflict} \`state\` names the state.`),
    },
  };
}

/** Every operation of the HTTP API (docs/design.md §7). */
export const apiRoutes: readonly ApiRoute[] = [
  {
    operationId: 'health',
    method: 'get',
    path: '/health',
    tag: 'service',
    summary: 'Version, registered functions and the last run of each timer',
    description: 'Anonymous for load balancers and uptime probes; it reveals no fleet state.',
    auth: 'anonymous',
    responses: { '200': ok('Healthy', 'HealthReport'), '503': ok('Degraded: state storage cannot be read, a fleet is blocked by a held run, or a gate is held Inconclusive', 'HealthReport') },
  },
  {
    operationId: 'openApi',
    method: 'get',
    path: '/openapi.json',
    tag: 'service',
    summary: 'This OpenAPI document',
    auth: 'anonymous',
    responses: { '200': { description: 'The OpenAPI 3.1 document of this API', json: 'object' } },
  },
  {
    operationId: 'listRuns',
    method: 'get',
    path: '/runs',
    tag: 'runs',
    summary: 'Update runs, newest first, one page at a time',
    auth: 'function',
    query: listRunsQuery,
    responses: { '200': ok('One page of runs', 'RunPage') },
  },
  {
    operationId: 'getRun',
    method: 'get',
    path: '/runs/{fleet}/{run}',
    tag: 'runs',
    summary: 'Everything known about one run: status tree, creation, gates with evidence, events, timeline',
    auth: 'function',
    params: runParams,
    responses: { '200': ok('The run', 'RunDetail'), '404': notFound },
  },
  {
    operationId: 'listRunEvents',
    method: 'get',
    path: '/runs/{fleet}/{run}/events',
    tag: 'runs',
    summary: "The run's audit trail, oldest first",
    auth: 'function',
    params: runParams,
    responses: { '200': ok('The audit trail', 'AuditEventList'), '404': notFound },
  },
  operatorAction({
    operationId: 'stopRun',
    path: '/runs/{fleet}/{run}/stop',
    summary: 'Stop a running update run',
    description: 'The stop holds the fleet: nothing starts again until an operator resumes or abandons the run. `comment` is still read as the reason.',
    params: runParams,
    accepted: ok('Stop requested; Fleet stops the run asynchronously', 'StopAccepted'),
    conflict: 'The run is not running or pending.',
  }),
  operatorAction({
    operationId: 'resumeRun',
    path: '/runs/{fleet}/{run}/resume',
    summary: 'Restart a stopped or failed run',
    description:
      "Gates the run had decided Failed, Rejected, Expired, Cancelled or Inconclusive (and still Pending in Fleet) are re-armed: a new decision cycle (soak, checks, approval), linked to the old one as a new attempt. Fleet's start is sent once.",
    params: runParams,
    accepted: ok('Started; `rearmedGates` lists the gates decided again', 'OperatorResult'),
    conflict: 'The run is not Stopped or Failed, was abandoned or deleted, or the fleet is paused.',
  }),
  operatorAction({
    operationId: 'abandonRun',
    path: '/runs/{fleet}/{run}/abandon',
    summary: 'Give up on a run: stop it if needed; it no longer holds the fleet',
    description: 'The next eligible (newer) release may proceed; the abandoned target gets no new run.',
    params: runParams,
    done: ok('Abandoned', 'OperatorResult'),
    conflict: 'The run completed, was already abandoned, or was not created by Conductor.',
  }),
  operatorAction({
    operationId: 'skipRunTargets',
    path: '/runs/{fleet}/{run}/skip',
    summary: 'Skip members, groups, stages or after-stage waits of a run (Fleet skip)',
    params: runParams,
    body: { name: 'SkipRequest', schema: skipBody },
    done: ok('Skip sent to Fleet', 'OperatorResult'),
    conflict: 'The run is in a state Fleet does not skip targets in.',
  }),
  operatorAction({
    operationId: 'retryGate',
    path: '/runs/{fleet}/{run}/gates/{gateId}/retry',
    summary: 'Re-measure a held (Inconclusive) or Failed gate of a running run',
    description: 'A new decision cycle; the gate passes only when every check passes on fresh data.',
    params: gateParams,
    done: ok('Re-armed', 'OperatorResult'),
    conflict: 'The gate is not Inconclusive or Failed, the run is not running, or the Fleet gate is no longer Pending.',
  }),
  operatorAction({
    operationId: 'overrideGate',
    path: '/runs/{fleet}/{run}/gates/{gateId}/override',
    summary: 'Complete the Fleet gate despite the checks, recorded as Bypassed by the operator',
    params: gateParams,
    done: ok('Bypassed; Fleet gate completion sent', 'OperatorResult'),
    conflict: 'The gate already passed or was bypassed, or the Fleet gate is no longer Pending.',
  }),
  {
    operationId: 'runTimelineView',
    method: 'get',
    path: '/runs/{fleet}/{run}/view',
    tag: 'runs',
    summary: 'The run as an HTML page: status tree, gates, evidence and timeline',
    auth: 'function',
    params: runParams,
    responses: { '200': html, '404': notFound },
  },
  {
    operationId: 'consoleRuns',
    method: 'get',
    path: '/console/runs',
    tag: 'runs',
    summary: 'Operator console: the runs list as an HTML page, filtered by fleet and state (empty = all)',
    auth: 'function',
    query: consoleRunsQuery,
    responses: { '200': html },
  },
  {
    operationId: 'consoleFleet',
    method: 'get',
    path: '/console/fleets/{fleet}',
    tag: 'fleets',
    summary: 'Operator console: one fleet as an HTML page (members, versions, drift, pending release and why, recent runs)',
    auth: 'function',
    params: fleetParams,
    responses: { '200': html, '404': notFound },
  },
  {
    operationId: 'listFleets',
    method: 'get',
    path: '/fleets',
    tag: 'fleets',
    summary: 'The fleets Conductor manages',
    auth: 'function',
    responses: { '200': ok('The fleets', 'FleetList') },
  },
  {
    operationId: 'getFleet',
    method: 'get',
    path: '/fleets/{fleet}',
    tag: 'fleets',
    summary: 'Members, versions, drift, and why a pending release is (not yet) eligible',
    auth: 'function',
    params: fleetParams,
    responses: { '200': ok('The fleet', 'FleetView'), '404': notFound },
  },
  operatorAction({
    operationId: 'pauseFleet',
    path: '/fleets/{fleet}/pause',
    summary: 'Incident freeze: no run is created or started for the fleet while paused',
    description: 'Running runs are left alone unless `stopActive` is true. The plan and the fleet view say why nothing starts.',
    params: fleetParams,
    body: { name: 'PauseRequest', schema: pauseBody },
    done: ok('Paused', 'OperatorResult'),
    conflict: 'The fleet is already paused.',
  }),
  operatorAction({
    operationId: 'unpauseFleet',
    path: '/fleets/{fleet}/unpause',
    summary: 'Lift the freeze',
    params: fleetParams,
    done: ok('Unpaused', 'OperatorResult'),
    conflict: 'The fleet is not paused.',
  }),
  {
    operationId: 'getFleetPlan',
    method: 'get',
    path: '/fleets/{fleet}/plan',
    tag: 'fleets',
    summary: 'Dry run: the run that would be created now, and what would happen to each member',
    auth: 'function',
    params: fleetParams,
    responses: { '200': ok('The plan', 'FleetPlan'), '404': notFound },
  },
  {
    operationId: 'getFleetPreflight',
    method: 'get',
    path: '/fleets/{fleet}/preflight',
    tag: 'fleets',
    summary:
      'Preflight: permissions, update groups, versions, auto-upgrade channels, maintenance windows and workspace data, each finding with evidence and a fix',
    auth: 'function',
    params: fleetParams,
    query: preflightQuery,
    responses: { '200': ok('The preflight report', 'PreflightReport'), '404': notFound },
  },
  {
    operationId: 'approvalPage',
    method: 'get',
    path: '/approvals/{token}',
    tag: 'approvals',
    summary: 'The approval landing page for a gate: evidence, decisions so far, Approve/Reject form (HTML, no JavaScript)',
    description: 'The link token (from the Teams card or webhook message) names the gate and request; the approver is the App Service authentication principal, never the link.',
    auth: 'anonymous',
    params: approvalTokenParams,
    query: approvalPageQuery,
    responses: {
      '200': html,
      '401': problem('No authenticated Entra ID principal.'),
      '403': problem('No trusted principal source (CONDUCTOR_PRINCIPAL_SOURCE), or the link was altered or not issued by this Conductor.'),
      '409': problem('The approval record failed its integrity check.'),
      '410': problem('The link expired, or its request was replaced.'),
      '503': approvalsDisabled,
    },
  },
  {
    operationId: 'decideApproval',
    method: 'post',
    path: '/approvals/{token}',
    tag: 'approvals',
    summary: "Record the signed-in principal's decision (the page's form)",
    description:
      'Cross-site posts (Sec-Fetch-Site / Origin) are refused; the form token binds the post to the link and the principal. A second decision by the same approver does not count twice.',
    auth: 'anonymous',
    params: approvalTokenParams,
    body: { form: decisionForm },
    responses: {
      '303': { description: 'Recorded (or already recorded): back to the page' },
      '401': problem('No authenticated Entra ID principal.'),
      '403': problem('No trusted principal source, not an approver, the same person under another object id, cross-site post, bad form token, or an altered link.'),
      '409': problem('The request is already granted or rejected, or its record failed its integrity check.'),
      '410': problem('The link or the request expired.'),
      '413': problem('Body over 8 KB.'),
      '415': problem('Not a form post.'),
      '429': problem('Too many refused attempts on this link (Retry-After).'),
      '503': approvalsDisabled,
    },
  },
  {
    operationId: 'approvalCallback',
    method: 'post',
    path: '/approvals/callback',
    tag: 'approvals',
    summary: 'A decision from another system, HMAC-signed (schema in src/domain/approvals/README.md)',
    description:
      'Headers `x-conductor-timestamp` (epoch seconds, within 300 s) and `x-conductor-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the channel secret; each decision `id` is accepted once.',
    auth: 'anonymous',
    body: { name: 'CallbackDecision', schema: callbackDecisionSchema },
    responses: {
      '200': ok('Recorded (or already recorded by this approver)', 'CallbackResult'),
      '400': problem('Missing or malformed headers or body.'),
      '401': problem('Bad signature or a timestamp outside the replay window.'),
      '403': problem("The approver is not allowed, or the secret is not the request channel's."),
      '404': problem('No such request for the gate.'),
      '409': problem('Replayed decision id, the request is closed, or its record failed its integrity check.'),
      '410': problem('The request expired.'),
      '413': problem('Body over 16 KB.'),
      '429': problem('Too many refused callbacks (Retry-After).'),
      '503': approvalsDisabled,
    },
  },
];
