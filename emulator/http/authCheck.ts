import type { EmulatorRequest, EmulatorResponse } from '../httpTypes';

/**
 * ARM and Log Analytics refuse requests without a bearer token (401 + WWW-Authenticate). Any well-formed
 * bearer is accepted: the emulator checks that the production credential pipeline ran, not who the caller is.
 */
export function authFailure(request: EmulatorRequest, service: 'arm' | 'logs', tenantId: string): EmulatorResponse | undefined {
  const header = request.headers.authorization;
  const bearer = header !== undefined && /^Bearer\s+\S+/i.test(header);
  if (bearer) return undefined;
  const challenge = `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`;
  if (service === 'logs') {
    return {
      status: 401,
      headers: { 'www-authenticate': challenge },
      body: { error: { message: 'Valid authentication was not provided', code: 'AuthorizationRequiredError', correlationId: '00000000-0000-0000-0000-000000000000' } },
    };
  }
  return {
    status: 401,
    headers: { 'www-authenticate': challenge },
    body: {
      error: header === undefined
        ? { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." }
        : { code: 'AuthenticationFailedInvalidHeader', message: "Authentication failed. The 'Authorization' header is provided in an invalid format." },
    },
  };
}
