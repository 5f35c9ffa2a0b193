export type ServiceName = 'arm' | 'logs' | 'control' | 'teams' | 'webhook' | 'identity' | 'unknown';

export interface RequestLogEntry {
  seq: number;
  /** Real time the request arrived (ISO). */
  time: string;
  /** Virtual time when it was served (ISO). */
  virtualTime: string;
  service: ServiceName;
  method: string;
  path: string;
  apiVersion?: string;
  status: number;
  durationMs: number;
  /** True when the response came from an injected fault. */
  faulted: boolean;
  clientRequestId?: string;
  userAgent?: string;
}

const MAX_ENTRIES = 200_000;

/** Every request the emulator received, for counting in tests (`GET /_emulator/requests`). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries = [];
  }

  query(filter: { service?: string | null; method?: string | null; since?: number; pathContains?: string | null }): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (!filter.service || e.service === filter.service) &&
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (filter.since === undefined || e.seq > filter.since) &&
        (!filter.pathContains || e.path.toLowerCase().includes(filter.pathContains.toLowerCase())),
    );
  }
}
