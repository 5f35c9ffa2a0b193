import { createHmac } from 'node:crypto';
import type { Signer } from '../../ports';

/** Signer on node:crypto. The token key is the decoded APPROVAL_TOKEN_KEY (base64 of ≥ 32 bytes, checked by config). */
export class HmacSigner implements Signer {
  private readonly key: Buffer;

  constructor(tokenKeyBase64: string) {
    this.key = Buffer.from(tokenKeyBase64, 'base64');
  }

  tokenHmac(data: string): string {
    return createHmac('sha256', this.key).update(data, 'utf8').digest('base64url');
  }

  hmacHex(secret: string, data: string): string {
    return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
  }
}
