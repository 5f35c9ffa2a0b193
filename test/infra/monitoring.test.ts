import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFRA, bicepSources, readInfra, type BicepFile } from './support/bicep';
import { kqlErrorsIn, type Source } from './support/kqlSchema';
import { METRIC, SPAN } from '../../src/adapters/telemetry/ConductorTelemetry';
import { ATTR } from '../../src/adapters/telemetry/telemetryAttributes';

const MONITORING = join(INFRA, 'monitoring');
const ALERTS = join(MONITORING, 'alerts');

interface Query {
  readonly where: string;
  readonly source: Source;
  readonly text: string;
}

interface WorkbookItem {
  readonly type: number;
  readonly name: string;
  readonly content: { readonly query?: string; readonly resourceType?: string; readonly queryType?: number; readonly parameters?: unknown[] };
}

const RESOURCE_SOURCES: Readonly<Record<string, Source>> = {
  'microsoft.insights/components': 'appInsights',
  'microsoft.operationalinsights/workspaces': 'containerInsights',
};

/** The workbook's queries (and its shape problems) from its JSON text, with the Bicep's placeholder substituted. */
function workbookQueries(jsonText: string): { queries: Query[]; problems: string[] } {
  const problems: string[] = [];
  let workbook: { version?: string; items?: WorkbookItem[] };
  try {
    workbook = JSON.parse(jsonText.replace('"__CONDUCTOR_MEMBER_WORKSPACES__"', JSON.stringify(['/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w']))) as typeof workbook;
  } catch (error) {
    return { queries: [], problems: [`workbook JSON: ${(error as Error).message}`] };
  }
  if (workbook.version !== 'Notebook/1.0') problems.push(`workbook version: ${String(workbook.version)}`);
  const queries: Query[] = [];
  for (const item of workbook.items ?? []) {
    if (item.type !== 3) continue;
    const source = RESOURCE_SOURCES[item.content.resourceType ?? ''];
    if (!source || item.content.queryType !== 0) problems.push(`${item.name}: not a Logs query on Application Insights or a workspace`);
    else queries.push({ where: `workbook ${item.name}`, source, text: item.content.query ?? '' });
  }
  return { queries, problems };
}

/** Alert rule queries with sample parameter values (as the Bicep substitutes them). */
function alertQueries(files: ReadonlyMap<string, string>): Query[] {
  return [...files].map(([name, text]) => ({ where: `alert ${name}`, source: 'appInsights' as const, text: text.replaceAll('{blockedHours}', '6').replaceAll('{pendingDays}', '3') }));
}

const METRICS: ReadonlySet<string> = new Set(Object.values(METRIC));
const SPANS: ReadonlySet<string> = new Set(Object.values(SPAN));
const ATTRIBUTES: ReadonlySet<string> = new Set(Object.values(ATTR));

/**
 * Everything a query names must exist: tables and columns (Kusto language service against the declared schemas),
 * metric names compared with customMetrics.name, span names with dependencies.name, and customDimensions keys — all
 * against what src/adapters/telemetry emits.
 */
function queryProblems(queries: readonly Query[]): string[] {
  const problems: string[] = [];
  for (const q of queries) {
    for (const e of kqlErrorsIn(q.source, q.text)) problems.push(`${q.where}: ${e}`);
    const table = /^\s*(?:\/\/.*\n\s*)*([A-Za-z]+)/.exec(q.text)?.[1];
    for (const m of q.text.matchAll(/\bname\s*==\s*"([^"]+)"/g)) {
      const known = table === 'customMetrics' ? METRICS : table === 'dependencies' ? SPANS : undefined;
      if (!known?.has(m[1]!)) problems.push(`${q.where}: ${table ?? '?'} name "${m[1]}" is not emitted by the app`);
    }
    for (const m of q.text.matchAll(/customDimensions\["([^"]+)"\]/g)) {
      if (!ATTRIBUTES.has(m[1]!)) problems.push(`${q.where}: customDimensions["${m[1]}"] is not an attribute the app emits`);
    }
  }
  return problems;
}

function readAlertFiles(): Map<string, string> {
  return new Map(readdirSync(ALERTS).filter((f) => f.endsWith('.kql')).map((f) => [f, readFileSync(join(ALERTS, f), 'utf8')]));
}

describe('the workbook and alert rules query only what exists', () => {
  const workbookText = readFileSync(join(MONITORING, 'conductor.workbook.json'), 'utf8');
  const alerts = readAlertFiles();
  let dashboards: BicepFile;
  beforeAll(async () => {
    dashboards = (await readInfra()).get('app/dashboards.bicep')!;
  });

  it('the Bicep deploys the workbook file and one rule per alert file, and parses', () => {
    expect(dashboards.errors).toEqual([]);
    const text = bicepSources().get('app/dashboards.bicep')!;
    expect(text).toContain("loadTextContent('../monitoring/conductor.workbook.json')");
    expect([...text.matchAll(/loadTextContent\('\.\.\/monitoring\/alerts\/([^']+)'\)/g)].map((m) => m[1]).sort()).toEqual([...alerts.keys()].sort());
    expect([...alerts.keys()].sort()).toEqual(['fleet-blocked.kql', 'function-failures.kql', 'gate-failed.kql', 'release-not-started.kql']);
    expect([...dashboards.params.keys()]).toEqual(expect.arrayContaining(['fleetBlockedHours', 'releasePendingDays', 'alertEmailAddress', 'memberWorkspaceIds']));
  });

  it('the workbook is a valid workbook whose sections each query the app telemetry or Container Insights', () => {
    const { queries, problems } = workbookQueries(workbookText);
    expect(problems).toEqual([]);
    expect(queries.length).toBeGreaterThanOrEqual(10);
    const tables = new Set(queries.map((q) => /^\s*([A-Za-z]+)/.exec(q.text)?.[1]));
    expect([...tables].sort()).toEqual(['KubeNodeInventory', 'customMetrics', 'dependencies', 'requests']);
  });

  it('every table, column, metric, span name and dimension they name exists (Kusto language service + the app telemetry)', () => {
    const { queries } = workbookQueries(workbookText);
    expect(queryProblems([...queries, ...alertQueries(alerts)])).toEqual([]);
    // Every metric the app emits is shown somewhere.
    const all = [...queries.map((q) => q.text), ...alerts.values()].join('\n');
    for (const name of METRICS) expect(all, name).toContain(`"${name}"`);
  });

  it('negative controls: a misspelt metric, an unknown table, an unknown column, an unknown dimension and broken JSON are reported', () => {
    const broken = workbookText
      .replace('\\"conductor.runs.finished\\"', '\\"conductor.run.finished\\"')
      .replace('customMetrics\\n| where name == \\"conductor.check.verdicts\\"', 'customMetricz\\n| where name == \\"conductor.check.verdicts\\"')
      .replace('KubeletVersion, Labels', 'KubeletVersionz, Labels')
      .replace('customDimensions[\\"conductor.gate.policy\\"]', 'customDimensions[\\"conductor.gate.policyid\\"]');
    const { queries } = workbookQueries(broken);
    const problems = queryProblems(queries);
    expect(problems.some((p) => p.includes('"conductor.run.finished" is not emitted'))).toBe(true);
    expect(problems.some((p) => p.includes('customMetricz'))).toBe(true);
    expect(problems.some((p) => p.includes('KubeletVersionz'))).toBe(true);
    expect(problems.some((p) => p.includes('"conductor.gate.policyid"] is not an attribute'))).toBe(true);
    expect(workbookQueries(workbookText.replace('"items": [', '"items": [,')).problems[0]).toMatch(/^workbook JSON/);
    const alert = alertQueries(new Map([['x.kql', readFileSync(join(ALERTS, 'function-failures.kql'), 'utf8').replace('success == false', 'succeeded == false')]]));
    expect(queryProblems(alert)).not.toEqual([]);
  });
});
