/**
 * How signed-in callers reach the app (CONDUCTOR_PRINCIPAL_SOURCE), and whether the principal headers can be
 * believed. Approval and operator routes serve a caller only when `trusted` is true; otherwise they refuse every
 * request with `reason`, and /api/health shows it.
 *
 * - `appServiceAuthentication`: App Service authentication (Entra ID) in front of the app injects
 *   `x-ms-client-principal*` and refuses to let external requests set them ("Work with user identities in Azure
 *   App Service authentication": "External requests aren't allowed to set these headers, so they're present only if
 *   set by App Service"). That guarantee holds only while authentication is on, which the platform reports in the
 *   read-only `WEBSITE_AUTH_ENABLED` ("Environment variables and app settings in Azure App Service": "Injected into a
 *   Windows or Linux app to indicate whether App Service authentication is enabled"). Without it anyone could send
 *   the headers, so they are not believed.
 * - `localDevelopment`: the local host strips client-sent principal headers and injects its configured development
 *   principal (devhost/clientPrincipal.ts). Refused on App Service (WEBSITE_INSTANCE_ID present), where nothing strips.
 */
export type PrincipalSource = 'appServiceAuthentication' | 'localDevelopment';

export const PRINCIPAL_SOURCES: readonly PrincipalSource[] = ['appServiceAuthentication', 'localDevelopment'];

export interface CallerTrust {
  /** The configured source; undefined when unset or not one of PRINCIPAL_SOURCES. */
  readonly source: PrincipalSource | undefined;
  readonly trusted: boolean;
  /** Why callers are not trusted (names the setting); set exactly when `trusted` is false. */
  readonly reason?: string;
}

/** The default of compositions that configure nothing: nobody is believed. */
export const UNTRUSTED_CALLERS: CallerTrust = {
  source: undefined,
  trusted: false,
  reason: 'CONDUCTOR_PRINCIPAL_SOURCE is not set: approval and operator routes are refused (appServiceAuthentication in Azure, localDevelopment for the local host)',
};

/** Decides trust from the raw settings (config.ts passes them; tests pass literals). */
export function callerTrustOf(settings: { readonly source: string | undefined; readonly websiteAuthEnabled: string | undefined; readonly websiteInstanceId: string | undefined }): CallerTrust {
  const raw = settings.source;
  if (raw === undefined) return UNTRUSTED_CALLERS;
  const source = PRINCIPAL_SOURCES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (source === undefined) {
    return { source: undefined, trusted: false, reason: `CONDUCTOR_PRINCIPAL_SOURCE is "${raw}", expected one of ${PRINCIPAL_SOURCES.join(', ')}: approval and operator routes are refused` };
  }
  if (source === 'appServiceAuthentication') {
    if (settings.websiteAuthEnabled?.toLowerCase() !== 'true') {
      return {
        source,
        trusted: false,
        reason: 'CONDUCTOR_PRINCIPAL_SOURCE is appServiceAuthentication but App Service authentication is not enabled (WEBSITE_AUTH_ENABLED is not true): principal headers could come from anyone, so approval and operator routes are refused',
      };
    }
    return { source, trusted: true };
  }
  if (settings.websiteInstanceId !== undefined) {
    return { source, trusted: false, reason: 'CONDUCTOR_PRINCIPAL_SOURCE is localDevelopment on App Service (WEBSITE_INSTANCE_ID is set), where nothing strips client-sent principal headers: approval and operator routes are refused' };
  }
  return { source, trusted: true };
}
