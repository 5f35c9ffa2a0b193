import { createHmac, hkdfSync } from 'node:crypto';
import type { Signer } from '../../ports';
import { nodeTokenCodec } from './nodeTokenCodec';

/** Signer on node:crypto. The token key is the decoded APPROVAL_TOKEN_KEY (base64 of ≥ 32 bytes, checked by config). */
export class HmacSigner implements Signer {
  private readonly key: Buffer;
  private readonly ledgerKey: Buffer;

  constructor(tokenKeyBase64: string) {
    this.key = Buffer.from(tokenKeyBase64, 'base64');
    // RFC 5869 HKDF-SHA256 with a purpose label, so the ledger key differs from the link key without a second secret.
    this.ledgerKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'fleet-conductor/approval-ledger-seal/v1', 32));
  }

  tokenHmac(data: string): string {
    return createHmac('sha256', this.key).update(data, 'utf8').digest('base64url');
  }

  ledgerHmac(data: string): string {
    return createHmac('sha256', this.ledgerKey).update(data, 'utf8').digest('base64url');
  }

  hmacHex(secret: string, data: string): string {
    return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
  }

  encodeBase64Url(text: string): string {
    return nodeTokenCodec.encodeBase64Url(text);
  }

  decodeBase64Url(encoded: string): string | undefined {
    return nodeTokenCodec.decodeBase64Url(encoded);
  }

  constantTimeEqual(expected: string, actual: string): boolean {
    return nodeTokenCodec.constantTimeEqual(expected, actual);
  }
}
