/** Kubernetes and node-image version helpers. */

export function parseVersion(v: string): [number, number, number] {
  const [a = '0', b = '0', c = '0'] = v.split('.');
  return [Number(a), Number(b), Number(c)];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export function minorOf(v: string): string {
  const [a, b] = parseVersion(v);
  return `${a}.${b}`;
}

export function minorDistance(from: string, to: string): number {
  const [a1, b1] = parseVersion(from);
  const [a2, b2] = parseVersion(to);
  return (a2 - a1) * 100 + (b2 - b1);
}

/** `AKSUbuntu-2204gen2containerd-202611.01.0` → { family: 'AKSUbuntu-2204gen2containerd', os, sku, version }. */
export function parseNodeImage(fullName: string): { family: string; os: string; sku: string; version: string } {
  const last = fullName.lastIndexOf('-');
  const family = last > 0 ? fullName.slice(0, last) : fullName;
  const version = last > 0 ? fullName.slice(last + 1) : '';
  const first = family.indexOf('-');
  return { family, os: first > 0 ? family.slice(0, first) : family, sku: first > 0 ? family.slice(first + 1) : '', version };
}

export function compareImageVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Parses Fleet's maxConcurrency ("3" or "25%") against a population size; default applies when absent. */
export function parseConcurrency(value: string | undefined, population: number, fallback: number): number {
  if (!value) return fallback;
  const pct = /^(\d+)%$/.exec(value);
  if (pct) return Math.max(1, Math.floor((population * Number(pct[1])) / 100));
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
