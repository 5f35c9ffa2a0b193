/**
 * Paths of the operator console's pages (under the host's `api` route prefix). One place, so pages link to each
 * other consistently and the broken-link test knows what to follow. Every segment is URL-encoded.
 */
const e = encodeURIComponent;

export const consoleLinks = {
  runs: (filters: { readonly fleet?: string; readonly state?: string } = {}): string => {
    const q = new URLSearchParams();
    if (filters.fleet) q.set('fleet', filters.fleet);
    if (filters.state) q.set('state', filters.state);
    const query = q.toString();
    return `/api/console/runs${query === '' ? '' : `?${query}`}`;
  },
  fleet: (fleet: string): string => `/api/console/fleets/${e(fleet)}`,
  run: (fleet: string, run: string): string => `/api/runs/${e(fleet)}/${e(run)}/view`,
  runJson: (fleet: string, run: string): string => `/api/runs/${e(fleet)}/${e(run)}`,
  plan: (fleet: string): string => `/api/fleets/${e(fleet)}/plan`,
};

/** Seconds between refreshes of a page showing an active run (`isActive`; a meta refresh: no JavaScript needed). */
export const REFRESH_SECONDS = 10;
