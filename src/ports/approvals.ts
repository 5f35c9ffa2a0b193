import type { ApprovalLedger } from '../domain/approvals/approvalLedger';
import type { TokenCodec } from '../domain/approvals/tokenCodec';

// Human approvals (issue 7): one ledger per gate, ETag-guarded like the gate state; accepted callback ids.

export interface StoredApprovalLedger {
  readonly ledger: ApprovalLedger;
  readonly etag: string;
}

export interface ApprovalStore {
  /** The gate's current approval request (keyed by fleet and gate GUID); undefined when none was opened. */
  getLedger(fleetId: string, gateId: string): Promise<StoredApprovalLedger | undefined>;
  /** Throws ConcurrencyError when the gate already has a ledger (another writer opened it first). */
  createLedger(ledger: ApprovalLedger): Promise<StoredApprovalLedger>;
  /** Throws ConcurrencyError when `etag` is stale: reload, decide again. */
  replaceLedger(ledger: ApprovalLedger, etag: string): Promise<StoredApprovalLedger>;
  /**
   * Remembers an accepted callback decision id, atomically: true the first time, false when it was seen before
   * (a replay). Ids are kept (at least) for the replay window; `at` is when it was accepted.
   */
  rememberCallbackId(id: string, at: string): Promise<boolean>;
}

/**
 * HMAC-SHA256, keyed outside the app layer (the token key comes from config; channel secrets from app settings), and
 * the encoding and constant-time comparison the approval rules use (TokenCodec).
 */
export interface Signer extends TokenCodec {
  /** HMAC-SHA256 of `data` with the approval token key (APPROVAL_TOKEN_KEY), base64url without padding. */
  tokenHmac(data: string): string;
  /** HMAC-SHA256 of `data` with a shared secret (webhook / callback channel), lowercase hex. */
  hmacHex(secret: string, data: string): string;
  /**
   * HMAC-SHA256 of `data` with a key derived from the token key for ledger seals (HKDF, its own `info`), base64url:
   * a seal can never be replayed as a link signature or the other way round.
   */
  ledgerHmac(data: string): string;
}

/** A stored approval ledger whose seal does not match its content: it was edited outside Conductor. Nothing reads it as valid. */
export class LedgerIntegrityError extends Error {
  constructor(
    readonly fleetId: string,
    readonly gateId: string,
    readonly problem: 'missingSeal' | 'badSeal',
  ) {
    super(`The approval ledger of gate ${gateId} failed its integrity check (${problem}): it was changed outside Conductor and is refused`);
    this.name = 'LedgerIntegrityError';
  }
}
