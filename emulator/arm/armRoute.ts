import type { EmulatorResponse } from '../httpTypes';
import type { Simulation } from '../sim/simulation';
import type { ArmContext } from './armContext';
import type { LroResponder } from './lroResponder';

export interface ArmServices {
  readonly sim: Simulation;
  readonly lro: LroResponder;
  /** Default page size of list operations (`$top` overrides). */
  readonly pageSize: number;
  /** Api-versions retired in this run: answered as if they never existed. */
  readonly retired?: { has(apiVersion: string): boolean };
}

export interface ArmRoute {
  readonly method: string;
  readonly pattern: RegExp;
  /** ARM resource type, for the NoRegisteredProviderFound message. */
  readonly resourceType: string;
  readonly versions: readonly string[];
  handle(ctx: ArmContext, services: ArmServices): EmulatorResponse;
}

const SEG = '([^/]+)';
/** Builds a case-insensitive path regex; `{name}` placeholders become named groups. */
export function armPath(template: string): RegExp {
  const source = template.replace(/\./g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => `(?<${name}>${SEG.slice(1, -1)})`);
  return new RegExp(`^${source}/?$`, 'i');
}

export const FLEET_BASE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/fleets/{fleetName}';
export const SUB_PROVIDER = '/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService';
export const CLUSTER_BASE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/managedClusters/{clusterName}';
