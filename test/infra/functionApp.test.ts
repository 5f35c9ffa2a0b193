import { beforeAll, describe, expect, it } from 'vitest';
import { bicepSources, readInfra, type BicepFile } from './support/bicep';

/** What the function app's Bicep promises about runtime and authentication, read from the parse tree. */
function functionAppFacts(file: BicepFile): { runtime: string | undefined; authCondition: string | undefined; principalSource: string | undefined; unauthenticatedAction: string | undefined } {
  const runtimeParam = file.params.get('runtimeVersion');
  const runtimeDefault = runtimeParam ? /=\s*'([^']*)'\s*$/.exec(file.text.split('\n').find((l) => l.startsWith('param runtimeVersion')) ?? '')?.[1] : undefined;
  const auth = file.resources.find((r) => r.type.startsWith('Microsoft.Web/sites/config@') && r.node.text.includes("name: 'authsettingsV2'"));
  const condition = auth?.node.namedChildren.find((c) => c?.type === 'if_statement')?.namedChildren[0]?.text;
  const principal = file.vars.get('principalSource');
  const action = /unauthenticatedClientAction:\s*'([^']+)'/.exec(auth?.node.text ?? '')?.[1];
  return {
    runtime: runtimeParam?.allowed?.length === 1 && runtimeParam.allowed[0] === runtimeDefault ? runtimeDefault : undefined,
    authCondition: condition,
    principalSource: principal?.kind === 'string' ? `'${principal.value}'` : principal?.kind === 'expression' ? principal.text : undefined,
    unauthenticatedAction: action,
  };
}

describe('function app: Node 22, and App Service authentication coupled to the principal source setting', () => {
  let files: Map<string, BicepFile>;
  beforeAll(async () => {
    files = await readInfra();
  });

  it('runs Node 22 only, enables Entra ID authentication exactly when the app is told to trust its headers', () => {
    const file = files.get('app/functionApp.bicep')!;
    expect(file.text).toMatch(/runtime: \{\n\s+name: 'node'\n\s+version: runtimeVersion\n/);
    expect(functionAppFacts(file)).toEqual({
      runtime: '22',
      authCondition: '(!empty(authClientId))',
      principalSource: "empty(authClientId) ? '' : 'appServiceAuthentication'",
      // Event Grid deliveries and key-checked routes carry no user token: the app refuses what it must itself.
      unauthenticatedAction: 'AllowAnonymous',
    });
  });

  it('negative control: Node 20, or a principal source set without authentication, is seen', async () => {
    const sources = bicepSources();
    sources.set('app/functionApp.bicep', sources.get('app/functionApp.bicep')!
      .replace("  '22'\n])\nparam runtimeVersion string = '22'", "  '20'\n])\nparam runtimeVersion string = '20'")
      .replace("var principalSource = empty(authClientId) ? '' : 'appServiceAuthentication'", "var principalSource = 'appServiceAuthentication'"));
    const facts = functionAppFacts((await readInfra(sources)).get('app/functionApp.bicep')!);
    expect(facts.runtime).toBe('20');
    expect(facts.principalSource).toBe("'appServiceAuthentication'");
  });
});
