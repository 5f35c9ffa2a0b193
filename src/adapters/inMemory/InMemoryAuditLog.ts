import type { AuditEvent, AuditLog } from '../../ports';

export class InMemoryAuditLog implements AuditLog {
  private readonly events = new Map<string, AuditEvent>();

  appendAuditEvents(events: readonly AuditEvent[]): Promise<void> {
    for (const e of events) this.events.set(`${e.fleetId.toLowerCase()}|${e.runName.toLowerCase()}|${e.at}|${e.id}`, { ...e });
    return Promise.resolve();
  }

  listAuditEvents(fleetId: string, runName: string): Promise<readonly AuditEvent[]> {
    const prefix = `${fleetId.toLowerCase()}|${runName.toLowerCase()}|`;
    return Promise.resolve([...this.events.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b)).map(([, e]) => e));
  }
}
