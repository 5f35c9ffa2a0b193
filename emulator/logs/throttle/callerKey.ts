import type { EmulatorRequest } from '../../httpTypes';

/** The budget every caller shares whose bearer names no one (not a JWT, or a JWT without oid/appid/sub). */
export const SHARED_CALLER = 'shared';

/**
 * Whose budget a Log Analytics query draws on. Azure throttles "per user" ("Azure Monitor service limits", User query
 * throttling); the emulator does not verify tokens (`http/authCheck.ts`), so it reads the caller from the bearer's
 * JWT payload without checking the signature: `oid` (the Entra object id of the user or service principal), else
 * `appid`, else `sub`. A bearer that is not a JWT with one of them counts against one shared budget: the harsher
 * reading, since unrelated callers then throttle each other.
 */
export function callerKey(request: EmulatorRequest): string {
  const token = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
  const payload = token?.split('.');
  if (payload?.length !== 3) return SHARED_CALLER;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return SHARED_CALLER;
  }
  if (typeof claims !== 'object' || claims === null) return SHARED_CALLER;
  for (const claim of ['oid', 'appid', 'sub'] as const) {
    const value = (claims as Record<string, unknown>)[claim];
    if (typeof value === 'string' && value !== '') return `${claim}:${value}`;
  }
  return SHARED_CALLER;
}
