import { ArmError } from '../arm/armError';
import { schemaIssues } from '../scenario/schemaIssues';
import { healthPatchSchema } from '../sim/healthPatch';
import { asObject, invalid, ok, type ControlRoute } from './controlRoute';

const VERSION = /^\d+\.\d+\.\d+$/;

/** `regions`: absent = every region now; a list = those regions now; a map = region → delay in seconds. */
function regionDelays(allRegions: string[], raw: unknown): Record<string, number> {
  if (raw === undefined || raw === null) return Object.fromEntries(allRegions.map((r) => [r, 0]));
  const entries: [string, number][] = Array.isArray(raw)
    ? raw.map((r) => [String(r), 0])
    : typeof raw === 'object'
      ? Object.entries(raw as Record<string, unknown>).map(([r, d]) => [r, typeof d === 'number' && d >= 0 ? d : invalid(`regions.${r} must be a delay in seconds`)])
      : invalid("'regions' must be a list of regions or a map region → delaySeconds.");
  for (const [r] of entries) if (!allRegions.includes(r)) invalid(`Region '${r}' is not in the scenario (known: ${allRegions.join(', ')}).`);
  return Object.fromEntries(entries);
}

export const clusterEventRoutes: ControlRoute[] = [
  {
    method: 'POST', pattern: /^\/_emulator\/releases$/,
    handle: (core, body) => {
      const b = asObject(body);
      const version = b.version;
      if (typeof version !== 'string' || !VERSION.test(version)) invalid("'version' must be a Kubernetes patch version such as 1.33.4.");
      const isPreview = b.isPreview === true;
      const supportPlan = Array.isArray(b.supportPlan) ? b.supportPlan.map(String) : ['KubernetesOfficial'];
      const sim = core.sim;
      const delays = regionDelays([...sim.regions.keys()], b.regions);
      const now = Object.entries(delays).filter(([, d]) => d === 0).map(([r]) => r);
      const released = sim.releaseKubernetes(String(version), now, isPreview, supportPlan);
      const scheduled = Object.entries(delays).filter(([, d]) => d > 0);
      for (const [region, d] of scheduled) sim.schedule({ atMs: sim.nowMs() + d * 1000, kind: 'k8s', region, version: String(version), isPreview, supportPlan });
      sim.reconcile();
      return ok({ version, released, scheduled: Object.fromEntries(scheduled) });
    },
  },
  {
    method: 'POST', pattern: /^\/_emulator\/nodeimages$/,
    handle: (core, body) => {
      const b = asObject(body);
      if (typeof b.version !== 'string' || !/^\d{6}\.\d{2}\.\d+$/.test(b.version)) invalid("'version' must be a node image version such as 202611.14.0.");
      const sim = core.sim;
      const delays = regionDelays([...sim.regions.keys()], b.regions);
      const released = sim.releaseNodeImage(String(b.version), Object.entries(delays).filter(([, d]) => d === 0).map(([r]) => r));
      const scheduled = Object.entries(delays).filter(([, d]) => d > 0);
      for (const [region, d] of scheduled) sim.schedule({ atMs: sim.nowMs() + d * 1000, kind: 'nodeimage', region, version: String(b.version) });
      sim.reconcile();
      return ok({ version: b.version, released, scheduled: Object.fromEntries(scheduled) });
    },
  },
  {
    method: 'POST', pattern: /^\/_emulator\/clusters\/([^/]+)\/health$/,
    handle: (core, body, _req, [name = '']) => {
      const parsed = healthPatchSchema.safeParse(asObject(body));
      if (!parsed.success) return invalid(`${schemaIssues(parsed.error).map((i) => `'${i.path}' ${i.message}`).join('; ')}.`);
      const patch = parsed.data;
      const cluster = core.sim.setHealth(name, patch);
      if (!cluster) throw new ArmError(404, 'NotFound', `Cluster '${name}' is not in the scenario.`);
      return ok({ cluster: cluster.name, health: cluster.health, at: core.sim.nowIso() });
    },
  },
];
