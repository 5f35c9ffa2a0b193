/**
 * The tests' oracle for Fleet's naming rule of update runs (and strategies, stages, groups): 1–50 characters,
 * lowercase letters, digits and inner hyphens (Microsoft.ContainerService/fleets/updateRuns `updateRunName`
 * pattern in the REST spec). Kept apart from the code under test on purpose.
 */
export function isValidRunName(name: string): boolean {
  return name.length >= 1 && name.length <= 50 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}
