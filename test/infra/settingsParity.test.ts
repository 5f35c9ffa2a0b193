import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { SETTING_NAMES } from '../../src/config';
import { INFRA, REPO, bicepSources, readInfra, type BicepFile } from './support/bicep';

/** Settings the app reads: the names of src/config.ts's settings schema and %NAME% binding expressions in src/functions. */
function settingsTheAppReads(configNames: readonly string[], functionSources: readonly string[]): Set<string> {
  const names = new Set<string>(configNames);
  for (const text of functionSources) for (const m of text.matchAll(/'%([A-Za-z_][A-Za-z0-9_]*)%'/g)) names.add(m[1]!);
  return names;
}

function objectKeys(node: Node | undefined, into: Set<string>): void {
  if (!node) return;
  for (const obj of [node, ...node.descendantsOfType('object')]) {
    if (obj?.type !== 'object') continue;
    for (const p of obj.namedChildren) if (p?.type === 'object_property' && p.namedChildren[0]) into.add(p.namedChildren[0].text);
  }
}

/** Settings the Bicep writes on the function app: baseSettings and optionalSettings (channel settings are named by conductor.yaml). */
function settingsTheBicepSets(functionApp: BicepFile): Set<string> {
  const names = new Set<string>();
  for (const v of ['baseSettings', 'optionalSettings']) {
    const value = functionApp.vars.get(v);
    if (!value) throw new Error(`app/functionApp.bicep has no var ${v}`);
    objectKeys('node' in value ? value.node : undefined, names);
  }
  return names;
}

interface Row {
  readonly readBy: string;
  readonly setBy: string;
}

/** The "App settings" table of infra/README.md: | `NAME` | read by | set by the deployment |. */
function documentedSettings(readme: string): Map<string, Row> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('App settings')) ?? '';
  const rows = new Map<string, Row>();
  for (const m of section.matchAll(/^\| `([A-Za-z_][A-Za-z0-9_]*)` \| ([^|]+) \| ([^|]+) \|/gm)) rows.set(m[1]!, { readBy: m[2]!.trim(), setBy: m[3]!.trim() });
  return rows;
}

function parityProblems(appReads: Set<string>, bicepSets: Set<string>, docs: Map<string, Row>): string[] {
  const problems: string[] = [];
  for (const name of appReads) {
    const row = docs.get(name);
    if (!bicepSets.has(name) && !row) problems.push(`${name}: read by the app, neither set by the Bicep nor documented as optional`);
    if (row?.readBy.startsWith('app (pending')) problems.push(`${name}: the app reads it now; drop "(pending)" from its README row`);
  }
  for (const name of bicepSets) {
    const row = docs.get(name);
    if (!row) problems.push(`${name}: set by the Bicep, missing from infra/README.md's App settings table`);
    else if (row.readBy === 'app' && !appReads.has(name)) problems.push(`${name}: set by the Bicep for the app, but src/config.ts does not read it`);
    else if (!/^(app|host|platform)/.test(row.readBy)) problems.push(`${name}: "read by" must be app, host or platform, got "${row.readBy}"`);
    if (row && /^not set/.test(row.setBy)) problems.push(`${name}: the README says "not set", but the Bicep sets it`);
  }
  for (const [name, row] of docs) {
    if (row.readBy === 'app' && !appReads.has(name)) problems.push(`${name}: documented as read by the app, but src/config.ts does not read it`);
    if (!bicepSets.has(name) && !/^not set/.test(row.setBy)) problems.push(`${name}: documented as set by the deployment, but the Bicep does not set it`);
  }
  return problems;
}

describe('settings parity: the Bicep sets what the app reads, and nothing else', () => {
  const functionSources = readdirSync(join(REPO, 'src/functions')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(REPO, 'src/functions', f), 'utf8'));
  const readme = readFileSync(join(INFRA, 'README.md'), 'utf8');
  let functionApp: BicepFile;
  beforeAll(async () => {
    functionApp = (await readInfra()).get('app/functionApp.bicep')!;
  });

  it('reads the settings from the sources (sanity: known names on each side)', () => {
    const reads = settingsTheAppReads(SETTING_NAMES, functionSources);
    expect(reads).toContain('CONDUCTOR_TABLE_PREFIX');
    expect(reads).toContain('RECONCILE_SCHEDULE');
    expect(settingsTheBicepSets(functionApp)).toContain('APPROVAL_TOKEN_KEY');
  });

  it('every setting src/config.ts reads is set by the Bicep or documented as optional; the Bicep sets nothing unread', () => {
    expect(parityProblems(settingsTheAppReads(SETTING_NAMES, functionSources), settingsTheBicepSets(functionApp), documentedSettings(readme))).toEqual([]);
  });

  it('negative controls: a new app setting, an extra Bicep setting and a stale README row are reported', async () => {
    const reads = settingsTheAppReads([...SETTING_NAMES, 'SHINY_NEW'], functionSources);
    const sources = bicepSources();
    sources.set('app/functionApp.bicep', sources.get('app/functionApp.bicep')!.replace('  CONDUCTOR_CONFIG_PATH: conductorConfigPath\n', '  CONDUCTOR_CONFIG_PATH: conductorConfigPath\n  UNREAD_SETTING: \'x\'\n'));
    const sets = settingsTheBicepSets((await readInfra(sources)).get('app/functionApp.bicep')!);
    const docs = documentedSettings(readme);
    docs.set('GONE_SETTING', { readBy: 'app', setBy: 'not set; default x' });
    expect(parityProblems(reads, sets, docs)).toEqual([
      'SHINY_NEW: read by the app, neither set by the Bicep nor documented as optional',
      'UNREAD_SETTING: set by the Bicep, missing from infra/README.md\'s App settings table',
      'GONE_SETTING: documented as read by the app, but src/config.ts does not read it',
    ]);
  });
});
