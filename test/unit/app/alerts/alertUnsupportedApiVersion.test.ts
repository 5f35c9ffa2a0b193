import { describe, expect, it } from 'vitest';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { alertUnsupportedApiVersion } from '../../../../src/app/alerts/alertUnsupportedApiVersion';
import { ApiVersionUnsupportedError } from '../../../../src/ports';

describe('alertUnsupportedApiVersion', () => {
  const deps = (outbox: InMemoryOutbox, lines: string[]) => ({
    outbox,
    clock: { nowIso: () => '2026-12-06T10:00:00.000Z' },
    log: { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`warn ${m}`) },
  });

  it('raises one error notification per api-version and day for a refused api-version', async () => {
    const outbox = new InMemoryOutbox();
    const lines: string[] = [];
    const error = new ApiVersionUnsupportedError('2026-08-02-preview', '/subscriptions/s/providers/Microsoft.ContainerService/locations/eastus/nodeImageVersions', 'refused');
    expect(await alertUnsupportedApiVersion(deps(outbox, lines), error)).toBe(true);
    expect(await alertUnsupportedApiVersion(deps(outbox, lines), error)).toBe(true);
    expect(outbox.all().map((m) => [m.id, m.channel, (m.payload as { severity: string; reason: string }).severity, (m.payload as { reason: string }).reason])).toEqual([
      ['api-version/2026-08-02-preview/2026-12-06', 'notifications', 'error', 'ApiVersionUnsupported'],
    ]);
    expect(lines[0]).toMatch(/^warn Azure no longer accepts api-version 2026-08-02-preview/);
  });

  it('ignores every other failure', async () => {
    const outbox = new InMemoryOutbox();
    expect(await alertUnsupportedApiVersion(deps(outbox, []), new Error('403'))).toBe(false);
    expect(outbox.all()).toEqual([]);
  });
});
