import { describe, expect, it } from 'vitest';
import { byPrecedence, compileRoute } from '../../../devhost/routeTemplate';

describe('compileRoute', () => {
  it.each([
    { name: 'a literal route matches itself case-insensitively', template: 'health', path: 'HEALTH', params: {} },
    { name: 'a literal route rejects another path', template: 'health', path: 'healthz', params: undefined },
    { name: 'named parameters are captured and decoded', template: 'runs/{fleet}/{run}', path: 'runs/fleet%2D1/k8s-1-33-4', params: { fleet: 'fleet-1', run: 'k8s-1-33-4' } },
    { name: 'a missing required parameter does not match', template: 'runs/{fleet}/{run}', path: 'runs/fleet-1', params: undefined },
    { name: 'extra segments do not match', template: 'runs/{fleet}', path: 'runs/a/b', params: undefined },
    { name: 'an optional parameter may be absent', template: 'hello/{name?}', path: 'hello', params: {} },
    { name: 'an optional parameter may be present', template: 'hello/{name?}', path: 'hello/bob', params: { name: 'bob' } },
    { name: 'a default value fills an absent parameter', template: 'page/{n=1}', path: 'page', params: { n: '1' } },
    { name: 'an int constraint accepts digits', template: 'items/{id:int}', path: 'items/42', params: { id: '42' } },
    { name: 'an int constraint rejects letters', template: 'items/{id:int}', path: 'items/abc', params: undefined },
    { name: 'a guid constraint accepts a GUID', template: 'gates/{g:guid}', path: 'gates/12345678-910a-bcde-f000-000000000000', params: { g: '12345678-910a-bcde-f000-000000000000' } },
    { name: 'a length constraint rejects a longer value', template: 'c/{code:length(3)}', path: 'c/abcd', params: undefined },
    { name: 'a regex constraint applies', template: 'v/{x:regex(^a+$)}', path: 'v/aaa', params: { x: 'aaa' } },
    { name: 'a catch-all takes the rest of the path', template: 'files/{*rest}', path: 'files/a/b/c', params: { rest: 'a/b/c' } },
    { name: 'a catch-all may be empty', template: 'files/{*rest}', path: 'files', params: {} },
  ])('$name', ({ template, path, params }) => {
    expect(compileRoute(template).match(path)).toEqual(params);
  });

  it.each([
    { template: 'a/{*rest}/b', error: 'catch-all parameter must be the last segment' },
    { template: 'a/{id:nope}', error: 'unknown constraint "nope"' },
    { template: 'a/{broken', error: 'cannot read segment' },
  ])('refuses the malformed template $template', ({ template, error }) => {
    expect(() => compileRoute(template)).toThrow(error);
  });

  it('orders segment by segment: literal, then constrained, then plain, then optional and catch-all', () => {
    const routes = ['runs/{fleet}/{run}', 'runs/{fleet}/{run}/events', 'runs/{fleet}/{run:regex(^k8s)}', 'runs/{*rest}', 'runs/fleet-1/{run}']
      .map(compileRoute)
      .sort(byPrecedence)
      .map((r) => r.template);
    expect(routes).toEqual(['runs/fleet-1/{run}', 'runs/{fleet}/{run:regex(^k8s)}', 'runs/{fleet}/{run}/events', 'runs/{fleet}/{run}', 'runs/{*rest}']);
  });
});
