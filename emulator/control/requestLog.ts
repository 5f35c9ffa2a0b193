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

export interface SavedRequestLog {
  readonly seq: number;
  readonly entries: readonly RequestLogEntry[];
}

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

  /** The newest `limit` entries and the sequence number, as a saved world keeps them. */
  saved(limit: number): SavedRequestLog {
    return { seq: this.seq, entries: this.entries.slice(-limit) };
  }

  /** Continues a saved log: its entries first, sequence numbers going on from its last. */
  restore(saved: SavedRequestLog): void {
    this.entries = [...saved.entries, ...this.entries];
    this.seq = Math.max(this.seq, saved.seq);
  }

  /** The sequence number of the newest entry (0 when none): it changes whenever a request was served. */
  get latestSeq(): number {
    return this.seq;
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
