import type { Config } from '../config';
import type { Clock } from '../ports';
import type { Services } from './createServices';
import { composeApp } from './composeApp';

/** The production services from configuration (kept for callers of this name; composeApp is the wiring). */
export function createServicesFromConfig(config: Config, clock?: Clock): Services {
  return composeApp(config, clock === undefined ? {} : { clock }).services;
}
