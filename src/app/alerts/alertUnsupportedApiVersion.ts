import { ApiVersionUnsupportedError, type AppLog, type Clock, type Outbox } from '../../ports';

/**
 * When Azure refuses the api-version Conductor is configured with, every call with it fails until the setting
 * changes: raise one error notification per api-version and day (the outbox id deduplicates), besides the log line.
 * Returns whether the error was such a refusal; the caller still treats it as the failure it is.
 */
export async function alertUnsupportedApiVersion(deps: { readonly outbox: Outbox; readonly clock: Clock; readonly log: AppLog }, error: unknown): Promise<boolean> {
  if (!(error instanceof ApiVersionUnsupportedError)) return false;
  const now = deps.clock.nowIso();
  const message = `Azure no longer accepts api-version ${error.apiVersion} (${error.path}); calls with it fail until FLEET_API_VERSION or AKS_NODE_IMAGE_API_VERSION names a supported version`;
  deps.log.warn(message, { apiVersion: error.apiVersion });
  await deps.outbox.enqueue([
    { id: `api-version/${error.apiVersion}/${now.slice(0, 10)}`, createdAt: now, channel: 'notifications', payload: { severity: 'error', reason: 'ApiVersionUnsupported', message } },
  ]);
  return true;
}
