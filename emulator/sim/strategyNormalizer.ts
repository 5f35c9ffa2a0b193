import { ArmError } from '../arm/armError';
import { isValidName } from '../arm/armNames';
import type { GateConfig, GroupDef, StageDef, StrategyDef } from './worldTypes';

const CONCURRENCY = /^(?:([1-9]\d*)|([1-9]\d?|100)%)$/;

const invalid = (message: string): never => {
  throw new ArmError(400, 'InvalidRequestContent', message);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function gates(value: unknown, where: string, allowGates: boolean): GateConfig[] | undefined {
  if (value === undefined || value === null || !allowGates) return undefined;
  if (!Array.isArray(value)) return invalid(`${where} must be an array.`);
  return value.map((g: unknown, i) => {
    if (!isObject(g)) return invalid(`${where}[${i}] must be an object.`);
    if (g.type !== 'Approval') return invalid(`${where}[${i}].type '${String(g.type)}' is not supported. Supported gate types: Approval.`);
    if (g.displayName !== undefined && (typeof g.displayName !== 'string' || g.displayName.length < 1 || g.displayName.length > 100))
      return invalid(`${where}[${i}].displayName must be 1-100 characters.`);
    return { type: 'Approval', ...(typeof g.displayName === 'string' ? { displayName: g.displayName } : {}) };
  });
}

function concurrency(value: unknown, where: string, allow: boolean): string | undefined {
  if (value === undefined || value === null || !allow) return undefined;
  if (typeof value !== 'string' || !CONCURRENCY.test(value)) return invalid(`${where}.maxConcurrency '${JSON.stringify(value)}' must match ${CONCURRENCY.source}.`);
  return value;
}

/** Fleet's limits (concepts-update-orchestration.md, docs/azure-apis.md §7): stage ≤ 50, group ≤ its stage's value. */
const MAX_STAGE_CONCURRENCY = 50;

function checkLimits(where: string, stageValue: string | undefined, groups: readonly { name: string; maxConcurrency?: string }[]): void {
  const count = (v: string | undefined): number | undefined => (v !== undefined && !v.endsWith('%') ? Number(v) : undefined);
  const percent = (v: string | undefined): number | undefined => (v?.endsWith('%') ? Number(v.slice(0, -1)) : undefined);
  const stageCount = count(stageValue);
  if (stageCount !== undefined && stageCount > MAX_STAGE_CONCURRENCY) invalid(`${where}.maxConcurrency '${stageValue ?? ''}' exceeds the maximum of ${MAX_STAGE_CONCURRENCY}.`);
  for (const g of groups) {
    // Comparable only in the same unit; a count against a percentage depends on member counts known at run creation.
    const tooHigh =
      (count(g.maxConcurrency) ?? 0) > (stageCount ?? MAX_STAGE_CONCURRENCY) ||
      (percent(g.maxConcurrency) !== undefined && percent(stageValue) !== undefined && (percent(g.maxConcurrency) ?? 0) > (percent(stageValue) ?? 0));
    if (tooHigh) invalid(`${where}: group '${g.name}' maxConcurrency '${g.maxConcurrency ?? ''}' exceeds the stage's '${stageValue ?? String(MAX_STAGE_CONCURRENCY)}'.`);
  }
}

/**
 * Validates an UpdateRunStrategy body (strategy PUT, run PUT, scenario) into the engine's form.
 * Gate and maxConcurrency fields are dropped for api-versions that do not know them, as the RP would ignore them.
 */
export function normalizeStrategy(raw: unknown, opts: { gates: boolean; maxConcurrency: boolean } = { gates: true, maxConcurrency: true }): StrategyDef {
  if (!isObject(raw) || !Array.isArray(raw.stages)) return invalid("The strategy must have a 'stages' array.");
  const stageNames = new Set<string>();
  const groupNames = new Set<string>();
  const stages: StageDef[] = raw.stages.map((s: unknown, i) => {
    const where = `strategy.stages[${i}]`;
    if (!isObject(s) || typeof s.name !== 'string' || !isValidName(s.name)) return invalid(`${where}.name is missing or invalid.`);
    if (stageNames.has(s.name)) return invalid(`Duplicate stage name '${s.name}'.`);
    stageNames.add(s.name);
    const rawGroups = s.groups ?? [];
    if (!Array.isArray(rawGroups)) return invalid(`${where}.groups must be an array.`);
    if (rawGroups.length > 50) return invalid(`${where} has ${rawGroups.length} groups; at most 50 groups are allowed per stage.`);
    const groups: GroupDef[] = rawGroups.map((g: unknown, j) => {
      const gw = `${where}.groups[${j}]`;
      if (!isObject(g) || typeof g.name !== 'string' || !isValidName(g.name)) return invalid(`${gw}.name is missing or invalid.`);
      if (groupNames.has(g.name)) return invalid(`Duplicate group name '${g.name}': a group can appear only once in a strategy.`);
      groupNames.add(g.name);
      const before = gates(g.beforeGates, `${gw}.beforeGates`, opts.gates);
      const after = gates(g.afterGates, `${gw}.afterGates`, opts.gates);
      const mc = concurrency(g.maxConcurrency, gw, opts.maxConcurrency);
      return { name: g.name, ...(mc ? { maxConcurrency: mc } : {}), ...(before ? { beforeGates: before } : {}), ...(after ? { afterGates: after } : {}) };
    });
    const wait = s.afterStageWaitInSeconds;
    if (wait !== undefined && wait !== null && (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0))
      return invalid(`${where}.afterStageWaitInSeconds must be a non-negative integer.`);
    const before = gates(s.beforeGates, `${where}.beforeGates`, opts.gates);
    const after = gates(s.afterGates, `${where}.afterGates`, opts.gates);
    const mc = concurrency(s.maxConcurrency, where, opts.maxConcurrency);
    checkLimits(where, mc, groups);
    return {
      name: s.name,
      groups,
      ...(typeof wait === 'number' ? { afterStageWaitInSeconds: wait } : {}),
      ...(mc ? { maxConcurrency: mc } : {}),
      ...(before ? { beforeGates: before } : {}),
      ...(after ? { afterGates: after } : {}),
    };
  });
  return { stages };
}
