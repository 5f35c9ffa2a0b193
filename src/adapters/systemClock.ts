import type { Clock } from '../ports';

export const systemClock: Clock = { nowIso: () => new Date().toISOString() };
