import type { FirstSeen } from '../../domain/versions/fleetFacts';

/**
 * The earliest time this process learned a version was published in any region, from the release store's reads and
 * writes: "release" in the release-to-completion metric. A run that completes before the process has read the
 * version's first-seen records (a fresh instance whose first work is a reconcile) is not measured.
 */
export class FirstSeenIndex {
  private readonly earliest = new Map<string, string>();

  note(entries: readonly FirstSeen[]): void {
    for (const e of entries) {
      const known = this.earliest.get(e.version);
      if (known === undefined || Date.parse(e.firstSeenAt) < Date.parse(known)) this.earliest.set(e.version, e.firstSeenAt);
    }
  }

  firstSeen(version: string): string | undefined {
    return this.earliest.get(version);
  }
}
