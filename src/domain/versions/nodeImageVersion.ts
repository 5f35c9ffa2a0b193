/**
 * An AKS node image version: `YYYYMM.DD.N` (e.g. `202511.02.0`), weekly for Linux. Agent pools report it inside a
 * full name such as `AKSUbuntu-2204gen2containerd-202511.02.0`; the version is the last dash-separated part.
 */
export interface NodeImageVersion {
  readonly yearMonth: number;
  readonly day: number;
  readonly build: number;
}

const NODE_IMAGE = /^(\d{6})\.(\d{1,2})\.(\d{1,4})$/;

/** Parses `202511.02.0` or a full image name ending in it. Returns undefined for anything else. */
export function parseNodeImageVersion(text: string): NodeImageVersion | undefined {
  const tail = text.trim().split('-').pop() ?? '';
  const m = NODE_IMAGE.exec(tail);
  if (m === null) return undefined;
  return { yearMonth: Number(m[1]), day: Number(m[2]), build: Number(m[3]) };
}

/** Formats as AKS does, with a two-digit day: `202511.02.0`. */
export function formatNodeImageVersion(v: NodeImageVersion): string {
  return `${v.yearMonth}.${String(v.day).padStart(2, '0')}.${v.build}`;
}

/** Negative when a is older than b, zero when equal, positive when newer. */
export function compareNodeImageVersions(a: NodeImageVersion, b: NodeImageVersion): number {
  return a.yearMonth - b.yearMonth || a.day - b.day || a.build - b.build;
}
