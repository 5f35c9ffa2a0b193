import type { AuditEvent, AuditLog } from '../../../src/ports';

export class InMemoryAuditLog implements AuditLog {
  private readonly events = new Map<string, AuditEvent>();

  appendAuditEvents(events: readonly AuditEvent[]): Promise<void> {
    for (const e of events) {
      const key = `${e.fleetId.toLowerCase()}|${e.runName.toLowerCase()}|${e.id}`;
      if (!this.events.has(key)) this.events.set(key, { ...e });
    }
    return Promise.resolve();
  }

  listAuditEvents(fleetId: string, runName: string): Promise<readonly AuditEvent[]> {
    const prefix = `${fleetId.toLowerCase()}|${runName.toLowerCase()}|`;
    return Promise.resolve(
      [...this.events.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .map(([, e]) => e)
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    );
  }
}
