import type { UpgradeTarget } from './fleetFacts';

/** Fleet's rule for update run (and strategy, stage, group) names: 1–50 chars, lowercase, digits, inner hyphens. */
const RUN_NAME_MAX_LENGTH = 50;

const HASH_LENGTH = 8;

/**
 * The deterministic run name for a target: `k8s-1-33-4`, `nodeimage-202511-02-0`; with a suffix (e.g. a fleet
 * discriminator or date) `k8s-1-33-4-20261121`. The same target always gives the same name, which is what makes
 * run creation idempotent (`If-None-Match: *`). Always a valid Fleet resource name (see RUN_NAME_MAX_LENGTH).
 */
export function runNameFor(target: UpgradeTarget, suffix?: string): string {
  const prefix = target.kind === 'kubernetes' ? 'k8s' : 'nodeimage';
  return toResourceName([prefix, target.version, suffix].filter((p) => p !== undefined && p !== '').join('-'));
}

/**
 * Turns any text into a valid Fleet resource name, deterministically: lowercase; every run of other characters
 * becomes one hyphen; no leading or trailing hyphen; empty becomes `run`. Names longer than 50 keep their first
 * 41 characters and end in `-` plus 8 hex digits of an FNV-1a hash of the whole name, so distinct long inputs
 * stay distinct.
 */
export function toResourceName(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (cleaned === '') return 'run';
  if (cleaned.length <= RUN_NAME_MAX_LENGTH) return cleaned;
  const head = cleaned.slice(0, RUN_NAME_MAX_LENGTH - HASH_LENGTH - 1).replace(/-+$/, '');
  return `${head}-${fnv1a(cleaned)}`;
}

/** 32-bit FNV-1a as 8 lowercase hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(HASH_LENGTH, '0');
}
