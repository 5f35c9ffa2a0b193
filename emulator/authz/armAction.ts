/**
 * The RBAC action an ARM request needs, derived as ARM does from the resource type path and the method
 * (Microsoft Learn, "Azure resource provider operations"): GET → `{type}/read`, PUT/PATCH → `{type}/write`,
 * DELETE → `{type}/delete`, POST `…/{name}/{operation}` → `{type}/{operation}/action`. The type is the provider
 * namespace followed by every other segment after it (`Microsoft.ContainerService/fleets/updateRuns`). Undefined
 * for paths without a provider (subscriptions and resource groups themselves), which are not authorized here.
 */
export function armAction(method: string, path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  let i = -1;
  segments.forEach((s, k) => {
    if (s.toLowerCase() === 'providers') i = k;
  });
  if (i < 0 || i + 1 >= segments.length) return undefined;
  const namespace = segments[i + 1] ?? '';
  const types = segments.slice(i + 2).filter((_, k) => k % 2 === 0);
  const type = [namespace, ...types].join('/');
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      return `${type}/read`;
    case 'PUT':
    case 'PATCH':
      return `${type}/write`;
    case 'DELETE':
      return `${type}/delete`;
    case 'POST':
      return `${type}/action`;
    default:
      return undefined;
  }
}
