import type { Attributes, AttributeValue } from '@opentelemetry/api';

/**
 * Attribute keys Conductor puts on its spans and metrics. They become `customDimensions` keys in Application
 * Insights (`customMetrics`, `dependencies`), which the workbook and alert rules in infra/monitoring query by name.
 */
export const ATTR = {
  fleet: 'conductor.fleet',
  run: 'conductor.run',
  gate: 'conductor.gate',
  gatePolicy: 'conductor.gate.policy',
  gatePhase: 'conductor.gate.phase',
  gateNextPhase: 'conductor.gate.next_phase',
  gateOutcome: 'conductor.gate.outcome',
  checkName: 'conductor.check.name',
  checkType: 'conductor.check.type',
  checkVerdict: 'conductor.check.verdict',
  checkDryRun: 'conductor.check.dry_run',
  approvalOutcome: 'conductor.approval.outcome',
  runOutcome: 'conductor.run.outcome',
  targetKind: 'conductor.target.kind',
  targetVersion: 'conductor.target.version',
  releaseOutcome: 'conductor.release.outcome',
  releaseReason: 'conductor.release.reason',
  releaseReasons: 'conductor.release.reasons',
  /** When the evaluated target was first seen (ISO): the alert "release pending for N days" compares it with now. */
  releaseFirstSeen: 'conductor.release.first_seen',
  /** Since when the fleet is held or paused (ISO): the alert "fleet blocked for N hours" compares it with now. */
  fleetBlockedSince: 'conductor.fleet.blocked_since',
  notificationChannel: 'conductor.notification.channel',
  notificationGaveUp: 'conductor.notification.gave_up',
  armResourceType: 'conductor.arm.resource_type',
  httpMethod: 'http.request.method',
  outcome: 'conductor.outcome',
  errors: 'conductor.errors',
  gates: 'conductor.gates',
  fleets: 'conductor.fleets',
} as const;

/**
 * Key fragments that never leave the process as an attribute, whatever the value: credentials, signatures and the
 * principal headers' content. A key outside ATTR is dropped too, so a new attribute is a reviewed change.
 */
const DENIED_KEY = /token|secret|key|signature|sig\b|password|authorization|credential|cookie|principal|connection/i;

/**
 * Values that look like a credential even under an allowed key: JWTs, bearer tokens, SAS signatures, connection
 * strings and long unbroken base64/hex runs (HMAC keys and signatures). Such a value is replaced, not truncated.
 */
const SECRET_VALUE = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /\bbearer\s+\S+/i,
  /(^|[?&;])(sig|se|sv|code|key|token|secret)=/i, // SAS / function keys in URLs
  /(AccountKey|SharedAccessKey|InstrumentationKey|Password)=/i,
  /[A-Za-z0-9+/]{40,}={0,2}/, // long base64 / hex runs (ARM names, GUIDs and run names have separators)
];

export const REDACTED = '[redacted]';

const ALLOWED_KEYS: ReadonlySet<string> = new Set(Object.values(ATTR));

function safeValue(value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return SECRET_VALUE.some((re) => re.test(value)) ? REDACTED : value.slice(0, 256);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' && SECRET_VALUE.some((re) => re.test(v)) ? REDACTED : v)) as AttributeValue;
  return value;
}

/** Only known keys, never a credential-like key or value; undefined values are left out. */
export function safeAttributes(attributes: Readonly<Record<string, AttributeValue | undefined>>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || !ALLOWED_KEYS.has(key) || DENIED_KEY.test(key)) continue;
    out[key] = safeValue(value);
  }
  return out;
}

/** The fleet's name (last segment of its ARM id): dashboards group by it, and it carries no subscription id. */
export function fleetName(fleetIdOrName: string): string {
  const parts = fleetIdOrName.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? fleetIdOrName;
}
