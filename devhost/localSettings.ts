import fs from 'node:fs';
import path from 'node:path';

export interface LocalSettings {
  /** Which file the settings came from. */
  readonly source: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Reads local.settings.json as Core Tools does; on a fresh clone, where only the checked-in sample exists, the
 * sample is used (it holds safe local values only).
 */
export function readLocalSettings(rootDir: string): LocalSettings {
  for (const name of ['local.settings.json', 'local.settings.sample.json']) {
    const file = path.join(rootDir, name);
    if (!fs.existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const values = (parsed as { Values?: unknown }).Values ?? {};
    if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new Error(`${file}: "Values" must be an object`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      if (typeof v !== 'string') throw new Error(`${file}: Values.${k} must be a string (app settings are strings)`);
      out[k] = v;
    }
    return { source: file, values: out };
  }
  return { source: '(none)', values: {} };
}

/** Reads host.json's HTTP route prefix (default "api"). */
export function readRoutePrefix(rootDir: string): string {
  const file = path.join(rootDir, 'host.json');
  if (!fs.existsSync(file)) return 'api';
  const host = JSON.parse(fs.readFileSync(file, 'utf8')) as { extensions?: { http?: { routePrefix?: unknown } } };
  const prefix = host.extensions?.http?.routePrefix;
  return typeof prefix === 'string' ? prefix : 'api';
}
