import { createRequire } from 'node:module';
import { CONTAINER_INSIGHTS_SCHEMA, schemaColumns, type SchemaColumn } from '../../../src/adapters/kql/containerInsightsSchema';

const cols = (spec: string): SchemaColumn[] =>
  spec.trim().split(/\s+/).map((pair) => {
    const [name, type] = pair.split(':') as [string, SchemaColumn['type']];
    return { name, type };
  });

const COMMON = `timestamp:datetime operation_Name:string operation_Id:string operation_ParentId:string operation_SyntheticSource:string
  session_Id:string user_Id:string user_AuthenticatedId:string user_AccountId:string application_Version:string client_Type:string
  client_Model:string client_OS:string client_IP:string client_City:string client_StateOrProvince:string client_CountryOrRegion:string
  client_Browser:string cloud_RoleName:string cloud_RoleInstance:string appId:string appName:string iKey:string sdkVersion:string
  itemId:string itemType:string itemCount:int customDimensions:dynamic`;

/**
 * The Application Insights tables the workbook and alert rules query, as a query scoped to the Application Insights
 * resource sees them (the classic names; Microsoft docs "Application Insights telemetry data model" and the Azure
 * Monitor Logs reference of AppRequests, AppDependencies, AppMetrics, AppTraces, AppExceptions, whose columns these map to).
 */
export const APP_INSIGHTS_SCHEMA: Readonly<Record<string, readonly SchemaColumn[]>> = {
  requests: cols(`${COMMON} id:string name:string url:string success:bool resultCode:string duration:real performanceBucket:string source:string customMeasurements:dynamic`),
  dependencies: cols(`${COMMON} id:string target:string type:string name:string data:string success:bool resultCode:string duration:real performanceBucket:string customMeasurements:dynamic`),
  customMetrics: cols(`${COMMON} name:string value:real valueCount:int valueSum:real valueMin:real valueMax:real valueStdDev:real`),
  traces: cols(`${COMMON} message:string severityLevel:int customMeasurements:dynamic`),
  exceptions: cols(`${COMMON} problemId:string handledAt:string type:string message:string assembly:string method:string outerType:string outerMessage:string outerAssembly:string outerMethod:string innermostType:string innermostMessage:string innermostAssembly:string innermostMethod:string severityLevel:int details:dynamic customMeasurements:dynamic`),
};

interface KustoList<T> {
  readonly Count: number;
  getItem(index: number): T;
}
interface KustoApi {
  Language: {
    Symbols: {
      ScalarTypes: Record<string, unknown>;
      ColumnSymbol: new (name: string, type: unknown) => unknown;
      TableSymbol: { $ctor4: new (name: string, columns: unknown[]) => unknown };
      DatabaseSymbol: { ctor: new (name: string, tables: unknown[]) => unknown };
    };
    GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
    KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): KustoList<{ Severity: string; Message: string }> } };
  };
}

const SCALAR: Readonly<Record<SchemaColumn['type'], string>> = {
  string: 'String', datetime: 'DateTime', int: 'Int', long: 'Long', real: 'Real', bool: 'Bool', dynamic: 'Dynamic', guid: 'Guid', timespan: 'TimeSpan',
};

export type Source = 'appInsights' | 'containerInsights';
let loaded: { kusto: KustoApi; globals: Record<Source, unknown> } | undefined;

function service(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const load = createRequire(__filename);
  load('@kusto/language-service-next/bridge.min.js');
  load('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const kusto = (globalThis as unknown as { Kusto: KustoApi }).Kusto;
  const sym = kusto.Language.Symbols;
  const database = (name: string, schema: Readonly<Record<string, readonly SchemaColumn[]>>, columns: (t: string) => readonly SchemaColumn[]): unknown =>
    kusto.Language.GlobalState.Default.WithDatabase(
      new sym.DatabaseSymbol.ctor(name, Object.keys(schema).map((t) => new sym.TableSymbol.$ctor4(t, columns(t).map((c) => new sym.ColumnSymbol(c.name, sym.ScalarTypes[SCALAR[c.type]]))))),
    );
  loaded = {
    kusto,
    globals: {
      appInsights: database('ApplicationInsights', APP_INSIGHTS_SCHEMA, (t) => APP_INSIGHTS_SCHEMA[t] ?? []),
      containerInsights: database('ContainerInsights', CONTAINER_INSIGHTS_SCHEMA, schemaColumns),
    },
  };
  return loaded;
}

/** Errors Microsoft's Kusto language service finds in a query against the tables of one source (unknown tables, columns, functions, syntax). */
export function kqlErrorsIn(source: Source, query: string): string[] {
  const { kusto, globals } = service();
  const diagnostics = kusto.Language.KustoCode.ParseAndAnalyze(query, globals[source]).GetDiagnostics();
  const out: string[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    if (String(d.Severity) === 'Error') out.push(d.Message);
  }
  return out;
}
