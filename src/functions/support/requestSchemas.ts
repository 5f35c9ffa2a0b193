import { FLEET_RUN_STATES } from '../../domain/runs/fleetRunState';
import { z } from 'zod';
import type { SkipTarget } from '../../ports';

// The schemas of every request input of the HTTP API: route parameters, query strings, JSON bodies and the approval
// form. The handlers parse with them (parseRequest, operatorRequest) and the OpenAPI document is generated from them
// (openApiRoutes), so the two cannot disagree.

const ARM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An ARM resource name (lowercase alphanumerics and inner hyphens), as fleets and runs are named. */
const armName = (maxLength: number, description: string) => {
  const error = `must be 1-${maxLength} lowercase letters, digits and inner hyphens`;
  return z.string({ error }).min(1, { error }).max(maxLength, { error }).regex(ARM_NAME, { error }).describe(description);
};

const fleet = armName(63, 'Fleet name (ARM name rule)');
const run = armName(50, 'Update run name (ARM name rule)');
const gateId = z
  .string()
  .regex(GUID, { error: 'must be a gate GUID' })
  .transform((id) => id.toLowerCase())
  .describe('The Fleet gate name (a GUID)');

export const fleetParams = z.object({ fleet });
export const runParams = z.object({ fleet, run });
export const gateParams = z.object({ fleet, run, gateId });
export const approvalTokenParams = z.object({
  token: z
    .string()
    .min(3)
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    .describe('Signed approval link token (base64url payload and HMAC)'),
});

// Fleet's UpdateState values, plus `Deleted`: history's state of a run that disappeared from Fleet.
/** Fleet's run states, and `Deleted` for runs gone from Azure that history keeps. */
export const UPDATE_STATES = [...FLEET_RUN_STATES, 'Deleted'] as const;

/** A run state, matched case-insensitively and answered in Fleet's spelling. */
const updateState = z.preprocess(
  (value) => (typeof value === 'string' ? (UPDATE_STATES.find((s) => s.toLowerCase() === value.toLowerCase()) ?? value) : value),
  z.enum(UPDATE_STATES, { error: `must be one of ${UPDATE_STATES.join(', ')}` }),
);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
/** An ISO 8601 date-time, answered in UTC (`toISOString`). */
const dateTime = z
  .string()
  .refine((value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)), { error: 'must be an ISO 8601 date-time' })
  .transform((value) => new Date(Date.parse(value)).toISOString())
  .meta({ format: 'date-time' });

/** A whole number in a query string ("50"), checked as one. */
const wholeNumber = (min: number, max: number, fallback: number, description: string) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z
    .preprocess((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback))
    .describe(description);
};

const continuationToken = z.string().min(1).max(2048, { error: 'must be 1-2048 characters' }).describe('From the previous page');

export const listRunsQuery = z.object({
  fleet: fleet.optional(),
  state: updateState.describe('Fleet UpdateState of the run').optional(),
  since: dateTime.describe('Only runs created at or after this time').optional(),
  limit: wholeNumber(1, 200, 50, 'Page size'),
  continuationToken: continuationToken.optional(),
});

export const consoleRunsQuery = z.object({ fleet: fleet.optional(), state: updateState.optional(), continuationToken: continuationToken.optional() });

export const preflightQuery = z.object({ at: dateTime.describe('The planned start: maintenance windows are evaluated then (default now)').optional() });

export const approvalPageQuery = z.object({ decision: z.enum(['approve', 'reject']).describe('Preselects a choice on the page').optional() });

export const MAX_REASON = 500;
/** Why an operator acts: recorded in the audit trail with the caller and the time. */
const reason = z
  .string({ error: `is required: a string of 1-${MAX_REASON} characters` })
  .min(1, { error: `is required: a string of 1-${MAX_REASON} characters` })
  .max(MAX_REASON, { error: `is required: a string of 1-${MAX_REASON} characters` })
  .refine((value) => value.trim() !== '', { error: `is required: a string of 1-${MAX_REASON} characters` })
  .transform((value) => value.trim())
  .describe('Why: recorded in the audit trail');

export const operatorReasonBody = z.object({ reason });

/** Stop accepts `comment` as the reason too, for callers written before `reason` existed. */
export const stopRunBody = z.preprocess(
  (body) => (typeof body === 'object' && body !== null && !('reason' in body) && 'comment' in body ? { ...body, reason: (body).comment } : body),
  operatorReasonBody,
);

const SKIP_TYPES = ['Member', 'Group', 'Stage', 'AfterStageWait'] as const satisfies readonly SkipTarget['type'][];
const MAX_TARGETS = 50;
export const skipBody = z
  .object({
    reason,
    targets: z
      .array(
        z.object(
          { type: z.enum(SKIP_TYPES), name: z.string().min(1).max(63) },
          { error: `needs a type (${SKIP_TYPES.join(', ')}) and a name of 1-63 characters` },
        ),
        { error: `must be an array of 1-${MAX_TARGETS} { type, name }` },
      )
      .min(1, { error: `must be an array of 1-${MAX_TARGETS} { type, name }` })
      .max(MAX_TARGETS, { error: `must be an array of 1-${MAX_TARGETS} { type, name }` })
      .describe("Passed to Fleet's skip"),
  });

export const pauseBody = z.object({ reason, stopActive: z.boolean({ error: 'must be true or false' }).default(false).describe('Also stop the runs in progress') });

/** The approval page's form (application/x-www-form-urlencoded). */
export const decisionForm = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }),
  comment: z.string().max(2_000, { error: 'must be at most 2000 characters' }).optional(),
  formToken: z.string().describe("The page's form token: binds the post to the signed-in principal and the link").optional(),
  evidenceVersion: z
    .preprocess((value) => (value === '' ? undefined : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be a whole number' }).max(Number.MAX_SAFE_INTEGER, { error: 'must be a whole number' }).optional())
    .describe('The evidence version the page showed'),
});

/** For routes without a query string of their own (unknown names are ignored). */
export const noQuery = z.object({});
