import { parameters, paths, responses } from './openApiPaths';
import { schemas } from './openApiSchemas';

/**
 * The OpenAPI 3.1 document of the operator HTTP API (docs/design.md §7), served at `GET /api/openapi.json`.
 * Built from code rather than kept as a JSON file so schemas share the domain's enumerations (reason codes,
 * check types) and cannot drift from them; test/unit/functions/openApi.test.ts checks it against the routes
 * the app really registers.
 */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fleet Conductor',
      version,
      summary: 'Staged, health-gated AKS upgrades through Azure Kubernetes Fleet Manager: operator API',
      description: [
        'Answers are JSON; every 4xx/5xx is `application/problem+json` (RFC 9457), and a 400 lists each bad',
        'parameter in `errors`. Operations other than `health` and `openApi` need a function key. Operator actions',
        '(`stopRun`) also need the caller signed in through App Service authentication with the',
        '`Conductor.Operator` app role.',
      ].join(' '),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api' }],
    tags: [
      { name: 'runs', description: 'Update runs: history, detail, audit trail, stop' },
      { name: 'approvals', description: 'Human approvals of gates: landing page, decisions, signed callbacks' },
      { name: 'fleets', description: 'Fleets: members, versions, release eligibility, dry-run plan' },
      { name: 'service', description: 'Health and this document' },
    ],
    paths,
    components: {
      schemas,
      parameters,
      responses,
      securitySchemes: {
        functionKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-functions-key',
          description: 'An Azure Functions function or host key.',
        },
        functionKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'code',
          description: 'The same key as a query parameter (for links and browsers).',
        },
        appServiceAuth: {
          type: 'apiKey',
          in: 'header',
          name: 'x-ms-client-principal',
          description: [
            'Set by App Service authentication (Easy Auth) after the caller signs in: base64 JSON of the',
            "principal's claims, from which the app reads its roles. Clients cannot send it themselves: App Service",
            'strips such headers from incoming requests.',
          ].join(' '),
        },
      },
    },
  };
}
