import type { PreflightStore, StoredPreflight } from '../../../src/ports';

/** PreflightStore in memory (the twin of TablePreflightStore). */
export class InMemoryPreflightStore implements PreflightStore {
  private readonly stored = new Map<string, StoredPreflight>();
  /** Every put, in order (tests count preflight runs). */
  readonly puts: StoredPreflight[] = [];

  getPreflight(fleetId: string): Promise<StoredPreflight | undefined> {
    return Promise.resolve(this.stored.get(fleetId.toLowerCase()));
  }

  putPreflight(stored: StoredPreflight): Promise<void> {
    const copy = JSON.parse(JSON.stringify(stored)) as StoredPreflight;
    this.stored.set(stored.report.fleetId.toLowerCase(), copy);
    this.puts.push(copy);
    return Promise.resolve();
  }
}
