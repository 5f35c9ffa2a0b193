import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../../src/composition';
import type { PreflightReport } from '../../../src/domain/preflight/preflightFinding';
import { createGetFleetPreflightHandler } from '../../../src/functions/getFleetPreflight';

const report: PreflightReport = { fleet: 'prod', fleetId: '/f', checkedAt: '2026-11-21T08:00:00.000Z', plannedAt: '2026-11-22T03:00:00.000Z', checked: ['permissions'], findings: [] };

function call(fleet: string, query = ''): Promise<{ status?: number; headers?: unknown; jsonBody?: unknown; body?: unknown }> & { readonly asked: unknown[] } {
  const asked: unknown[] = [];
  const services = { getPreflight: (f: string, at?: string) => (asked.push([f, at]), Promise.resolve(f === 'prod' ? report : undefined)) } as unknown as Services;
  const request = new HttpRequest({ method: 'GET', url: `https://conductor.example/api/fleets/${fleet}/preflight${query}`, params: { fleet } });
  const result = createGetFleetPreflightHandler(() => services)(request, new InvocationContext()) as Promise<{ status?: number; headers?: unknown; jsonBody?: unknown; body?: unknown }>;
  return Object.assign(result, { asked });
}

describe('GET /api/fleets/{fleet}/preflight', () => {
  it('answers the report, passing the planned time', async () => {
    const pending = call('prod', '?at=2026-11-22T03:00:00Z');
    expect((await pending).jsonBody).toEqual(report);
    expect(pending.asked).toEqual([['prod', '2026-11-22T03:00:00.000Z']]);
  });

  it('404 problem+json for a fleet that is not configured', async () => {
    const res = await call('nope');
    expect(res.status).toBe(404);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json' });
  });

  it('400 problem+json naming a bad `at` or fleet name, without asking for a preflight', async () => {
    const bad = call('prod', '?at=tomorrow');
    const res = await bad;
    expect(res.status).toBe(400);
    expect(JSON.parse(String(res.body))).toMatchObject({ status: 400, errors: [expect.objectContaining({ parameter: 'at' })] });
    expect(bad.asked).toEqual([]);
    expect((await call('Bad_Name')).status).toBe(400);
  });
});
