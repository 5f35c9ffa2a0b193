import type { ApprovalStore, Signer } from '../../ports';

/** The approvals wiring: ledgers, link signer, public origin and app settings (a field of GateDeps and HistoryDeps). */
export interface ApprovalWiring {
  readonly store: ApprovalStore;
  /** Undefined when APPROVAL_TOKEN_KEY is not set: requests then fail loudly (and are retried) instead of going out unsigned. */
  readonly signer: Signer | undefined;
  /** Public origin for landing-page links (APP_BASE_URL / WEBSITE_HOSTNAME). */
  readonly publicBaseUrl: string | undefined;
  /** App settings by name (channel URLs and secrets are named by the policy, never stored in it). */
  readonly appSetting: (name: string) => string | undefined;
}

/** The signer, or a clear error naming the missing setting. */
export function requireSigner(deps: ApprovalWiring): Signer {
  if (deps.signer === undefined) throw new Error('APPROVAL_TOKEN_KEY is not set: approval links cannot be signed');
  return deps.signer;
}

/** An app setting a policy names, or a clear error naming it (validated when used). */
export function requireSetting(deps: ApprovalWiring, name: string, what: string): string {
  const value = deps.appSetting(name);
  if (value === undefined) throw new Error(`App setting ${name} (${what}) is not set`);
  return value;
}
