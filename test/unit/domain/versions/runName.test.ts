import { describe, expect, it } from 'vitest';
import { runNameFor, toResourceName } from '../../../../src/domain/versions/runName';
import type { UpgradeTarget } from '../../../../src/domain/versions/fleetFacts';
import { isValidRunName } from './isValidRunName';

describe('runNameFor', () => {
  it.each<{ name: string; target: UpgradeTarget; suffix?: string; expected: string }>([
    { name: 'a Kubernetes target becomes k8s- with hyphens for dots', target: { kind: 'kubernetes', version: '1.33.4' }, expected: 'k8s-1-33-4' },
    { name: 'a node image target becomes nodeimage- with hyphens for dots', target: { kind: 'nodeimage', version: '202511.02.0' }, expected: 'nodeimage-202511-02-0' },
    { name: 'a suffix is appended after a hyphen', target: { kind: 'kubernetes', version: '1.30.5' }, suffix: '20261121', expected: 'k8s-1-30-5-20261121' },
    { name: 'an empty suffix adds nothing', target: { kind: 'kubernetes', version: '1.30.5' }, suffix: '', expected: 'k8s-1-30-5' },
  ])('$name', ({ target, suffix, expected }) => {
    expect(runNameFor(target, suffix)).toBe(expected);
  });

  it('gives the same name for the same target every time, which makes creation idempotent', () => {
    const target: UpgradeTarget = { kind: 'kubernetes', version: '1.33.4' };
    expect(new Set(Array.from({ length: 5 }, () => runNameFor(target))).size).toBe(1);
  });
});

describe('toResourceName', () => {
  it.each([
    { name: 'upper case is lowered', text: 'K8S-1.33', expected: 'k8s-1-33' },
    { name: 'runs of other characters become one hyphen', text: 'a__b..c  d', expected: 'a-b-c-d' },
    { name: 'leading and trailing separators are dropped', text: '--.a.--', expected: 'a' },
    { name: 'text without letters or digits becomes run', text: '...', expected: 'run' },
    { name: 'an empty text becomes run', text: '', expected: 'run' },
    {
      name: 'a long name keeps 41 characters and ends in a hash',
      text: 'k8s-1-33-4-' + 'x'.repeat(60),
      expected: 'k8s-1-33-4-' + 'x'.repeat(30) + '-' + 'e01c0bd6' // FNV-1a of the whole cleaned name, computed independently,
    },
  ])('$name', ({ text, expected }) => {
    expect(toResourceName(text)).toBe(expected);
  });

  it('keeps two long names that differ only at the end distinct', () => {
    const a = toResourceName('k8s-' + 'a'.repeat(60) + '-1');
    const b = toResourceName('k8s-' + 'a'.repeat(60) + '-2');
    expect(a).not.toBe(b);
  });

  it('always yields a valid Fleet name, for every Kubernetes and node image version in a wide range', () => {
    const names: string[] = [];
    for (let minor = 0; minor <= 60; minor++) {
      for (let patch = 0; patch <= 40; patch++) names.push(runNameFor({ kind: 'kubernetes', version: `1.${minor}.${patch}` }));
    }
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 31; day++) {
        const ym = `2026${String(month).padStart(2, '0')}`;
        names.push(runNameFor({ kind: 'nodeimage', version: `${ym}.${String(day).padStart(2, '0')}.${day % 3}` }, 'weekly'));
      }
    }
    expect(names.filter((n) => !isValidRunName(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('always yields a valid Fleet name for arbitrary text, including very long and symbol-only input', () => {
    // A fixed-seed generator keeps the check deterministic while covering many shapes of input.
    let seed = 42;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const alphabet = 'abcXYZ0189.-_ /:@é*';
    const texts = Array.from({ length: 2000 }, () =>
      Array.from({ length: next() % 120 }, () => alphabet[next() % alphabet.length]).join(''),
    );
    expect(texts.map(toResourceName).filter((n) => !isValidRunName(n))).toEqual([]);
  });
});

describe('isValidRunName', () => {
  it.each([
    { name: 'a typical run name is valid', text: 'k8s-1-33-4', expected: true },
    { name: 'a single character is valid', text: 'a', expected: true },
    { name: 'dots are invalid', text: 'k8s-1.33.4', expected: false },
    { name: 'a trailing hyphen is invalid', text: 'k8s-', expected: false },
    { name: 'upper case is invalid', text: 'K8s', expected: false },
    { name: '51 characters is too long', text: 'a'.repeat(51), expected: false },
    { name: '50 characters is fine', text: 'a'.repeat(50), expected: true },
    { name: 'empty is invalid', text: '', expected: false },
  ])('$name', ({ text, expected }) => {
    expect(isValidRunName(text)).toBe(expected);
  });
});
