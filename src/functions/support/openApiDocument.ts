import { z } from 'zod';
import { responseSchemas } from './apiSchemas';
import { apiRoutes, type Answer, type ApiRoute, type AuthLevel } from './openApiRoutes';

type Json = Record<string, unknown>;
const COMPONENT = (id: string): string => `#/components/schemas/${id}`;
const ref = (id: string): Json => ({ $ref: COMPONENT(id) });

/**
 * The OpenAPI 3.1 document of the HTTP API (docs/design.md §7), served at `GET /api/openapi.json`. Generated from the
 * route table (openApiRoutes) and the zod schemas the handlers parse requests with (requestSchemas) and the answers
 * are described by (apiSchemas): nothing in it is written twice. test/integration/api/openApi.test.ts checks the
 * served document against the routes the app really registers.
 */
export function openApiDocument(version: string): Json {
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
    paths: paths(apiRoutes),
    components: { schemas: componentSchemas(apiRoutes), responses: SHARED_RESPONSES, securitySchemes: SECURITY_SCHEMES },
  };
}

/** Answers as they are sent (`io: output`) and request bodies as they are accepted (`io: input`), each a component. */
function componentSchemas(routes: readonly ApiRoute[]): Json {
  const answers = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(responseSchemas)) answers.add(schema, { id });
  const bodies = z.registry<{ id: string }>();
  for (const route of routes) if (route.body !== undefined && 'name' in route.body && !bodies.has(route.body.schema)) bodies.add(route.body.schema, { id: route.body.name });
  return {
    ...components(z.toJSONSchema(answers, { io: 'output', uri: COMPONENT, unrepresentable: 'any' }).schemas),
    ...components(z.toJSONSchema(bodies, { io: 'input', uri: COMPONENT, unrepresentable: 'any' }).schemas),
  };
}

/** A registry's schemas as OpenAPI components: the document's dialect and the `#/components/...` refs need no `$schema`/`$id`. */
function components(schemas: Record<string, Json>): Json {
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]));
}

/** One input field as JSON Schema (as accepted), without the dialect. */
function inputSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

function parameters(route: ApiRoute): Json[] {
  const of = (object: z.ZodObject | undefined, where: 'path' | 'query'): Json[] =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const schema = inputSchema(field as z.ZodType);
      const optional = (field as z.ZodType).safeParse(undefined).success;
      return { name, in: where, required: where === 'path' || !optional, ...(typeof schema.description === 'string' ? { description: schema.description } : {}), schema };
    });
  return [...of(route.params, 'path'), ...of(route.query, 'query')];
}

function requestBody(route: ApiRoute): Json | undefined {
  if (route.body === undefined) return undefined;
  if ('form' in route.body) return { required: true, content: { 'application/x-www-form-urlencoded': { schema: inputSchema(route.body.form) } } };
  return { required: true, content: { 'application/json': { schema: ref(route.body.name) } } };
}

/**
 * Security per authLevel. `function`: a function (or host) key, in the `x-functions-key` header or the `code`
 * query parameter. `operator`: a key plus the App Service authentication principal (the app reads its roles).
 */
function security(auth: AuthLevel): Json[] {
  if (auth === 'anonymous') return [];
  const principal = auth === 'operator' ? { appServiceAuth: [] } : {};
  return [
    { functionKey: [], ...principal },
    { functionKeyQuery: [], ...principal },
  ];
}

function answer(a: Answer): Json {
  if ('problem' in a) return { description: a.description, content: { 'application/problem+json': { schema: ref('Problem') } } };
  if ('html' in a) return { description: a.description, content: { 'text/html': { schema: { type: 'string' } } } };
  if (a.json === undefined) return { description: a.description };
  return { description: a.description, content: { 'application/json': { schema: a.json === 'object' ? { type: 'object' } : ref(a.json) } } };
}

function operation(route: ApiRoute): Json {
  const params = parameters(route);
  const body = requestBody(route);
  const takesInput = params.length > 0 || body !== undefined;
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description !== undefined ? { description: route.description } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body !== undefined ? { requestBody: body } : {}),
    security: security(route.auth),
    responses: {
      ...(takesInput ? { '400': { $ref: '#/components/responses/BadRequest' } } : {}),
      ...(route.auth !== 'anonymous' ? { '401': { $ref: '#/components/responses/Unauthorized' } } : {}),
      // Listed last so an operation's own answer (e.g. stopRun's 401 "no principal") replaces the shared one.
      ...Object.fromEntries(Object.entries(route.responses).map(([status, a]) => [status, answer(a)])),
      default: { $ref: '#/components/responses/ServerError' },
    },
  };
}

function paths(routes: readonly ApiRoute[]): Json {
  const byPath: Record<string, Json> = {};
  for (const route of routes) byPath[route.path] = { ...byPath[route.path], [route.method]: operation(route) };
  return byPath;
}

const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

const SHARED_RESPONSES: Json = {
  BadRequest: problem('A parameter is invalid; `errors` names each bad parameter.'),
  Unauthorized: problem('The function key is missing or wrong (the Functions host answers before the app runs).'),
  ServerError: problem('Unexpected failure.'),
};

const SECURITY_SCHEMES: Json = {
  functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'An Azure Functions function or host key.' },
  functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code', description: 'The same key as a query parameter (for links and browsers).' },
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
};
