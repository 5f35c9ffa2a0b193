/**
 * The composition root: the only place that builds adapters (DESIGN §2.5). Function bindings ask it for services;
 * tests build services from fakes instead.
 */
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { loadConfig, type Config } from './config';
import { appVersion } from './version';
import type { Clock, TimerRun, TimerRunLog } from './ports';
import { getHealth, type FunctionInfo, type HealthReport } from './app/getHealth';
import { recordTimerRun } from './app/recordTimerRun';
import { systemClock } from './adapters/systemClock';
import { createTableClientFactory } from './adapters/tables/tableClientFactory';
import { TableTimerRunLog } from './adapters/tables/TableTimerRunLog';

/** What function bindings may call: one use case each. */
export interface Services {
  getHealth(functions: readonly FunctionInfo[]): Promise<HealthReport>;
  recordTimerRun(run: TimerRun): Promise<void>;
  readonly clock: Clock;
}

export interface ServiceDeps {
  readonly timerRuns: TimerRunLog;
  readonly clock: Clock;
  readonly version: string;
}

/** Wires use cases to the given adapters. */
export function createServices(deps: ServiceDeps): Services {
  return {
    getHealth: (functions) => getHealth(deps, functions),
    recordTimerRun: (run) => recordTimerRun(deps, run),
    clock: deps.clock,
  };
}

function createCredential(config: Config): TokenCredential {
  if (config.azure.credential === 'default') return new DefaultAzureCredential();
  const clientId = config.azure.managedIdentityClientId;
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

/** Builds the production services from configuration. */
export function createServicesFromConfig(config: Config): Services {
  let credential: TokenCredential | undefined;
  const lazyCredential = (): TokenCredential => (credential ??= createCredential(config));
  const tables = createTableClientFactory(config.storage, config.tablePrefix, lazyCredential);
  return createServices({ timerRuns: new TableTimerRunLog(tables), clock: systemClock, version: appVersion });
}

let current: Services | undefined;

/** The process's services, built on first use so that a configuration error surfaces in the invocation's log. */
export function getServices(): Services {
  return (current ??= createServicesFromConfig(loadConfig()));
}
