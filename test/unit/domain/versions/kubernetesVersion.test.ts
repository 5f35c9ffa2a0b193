import { describe, expect, it } from 'vitest';
import { compareKubernetesVersions, minorDistance, parseKubernetesMinor, parseKubernetesVersion } from '../../../../src/domain/versions/kubernetesVersion';

describe('parseKubernetesVersion', () => {
  it.each([
    { name: 'a plain AKS patch version is parsed', text: '1.33.4', expected: { major: 1, minor: 33, patch: 4 } },
    { name: 'a leading v is tolerated', text: 'v1.9.0', expected: { major: 1, minor: 9, patch: 0 } },
    { name: 'surrounding whitespace is ignored', text: ' 1.34.10 ', expected: { major: 1, minor: 34, patch: 10 } },
    { name: 'a minor alone is not a version', text: '1.33', expected: undefined },
    { name: 'a pre-release suffix is rejected', text: '1.33.4-rc.1', expected: undefined },
    { name: 'text is rejected', text: 'latest', expected: undefined },
  ])('$name', ({ text, expected }) => {
    expect(parseKubernetesVersion(text)).toEqual(expected);
  });
});

describe('parseKubernetesMinor', () => {
  it.each([
    { name: 'a minor is parsed', text: '1.33', expected: { major: 1, minor: 33 } },
    { name: 'the minor of a full version is taken', text: '1.34.2', expected: { major: 1, minor: 34 } },
    { name: 'garbage is rejected', text: '1.x', expected: undefined },
  ])('$name', ({ text, expected }) => {
    expect(parseKubernetesMinor(text)).toEqual(expected);
  });
});

describe('compareKubernetesVersions', () => {
  it.each([
    { name: 'minors compare numerically, not lexically', a: '1.9.0', b: '1.10.0', sign: -1 },
    { name: 'patches compare numerically', a: '1.33.10', b: '1.33.9', sign: 1 },
    { name: 'equal versions compare as zero', a: '1.33.4', b: '1.33.4', sign: 0 },
    { name: 'the major dominates', a: '2.0.0', b: '1.99.99', sign: 1 },
  ])('$name', ({ a, b, sign }) => {
    expect(Math.sign(compareKubernetesVersions(parseKubernetesVersion(a)!, parseKubernetesVersion(b)!))).toBe(sign);
  });

});

describe('minorDistance', () => {
  it.each([
    { name: 'the next minor is one step up', from: '1.32', to: '1.33', expected: 1 },
    { name: 'two minors up is two', from: '1.31.9', to: '1.33.1', expected: 2 },
    { name: 'a lower target is negative', from: '1.33', to: '1.32', expected: -1 },
    { name: 'the same minor is zero whatever the patch', from: '1.33.1', to: '1.33.9', expected: 0 },
    { name: 'a major change is never a one-minor step', from: '1.40', to: '2.0', expected: 1000 },
  ])('$name', ({ from, to, expected }) => {
    expect(minorDistance(parseKubernetesMinor(from)!, parseKubernetesMinor(to)!)).toBe(expected);
  });
});
