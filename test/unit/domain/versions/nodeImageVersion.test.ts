import { describe, expect, it } from 'vitest';
import { compareNodeImageVersions, formatNodeImageVersion, parseNodeImageVersion } from '../../../../src/domain/versions/nodeImageVersion';

describe('parseNodeImageVersion', () => {
  it.each([
    { name: 'a bare node image version is parsed', text: '202511.02.0', expected: { yearMonth: 202511, day: 2, build: 0 } },
    {
      name: 'the version is taken from the end of a full agent pool image name',
      text: 'AKSUbuntu-2204gen2containerd-202511.02.0',
      expected: { yearMonth: 202511, day: 2, build: 0 },
    },
    { name: 'an old-style colon name is rejected', text: 'AKSUbuntu:1604:2020.03.11', expected: undefined },
    { name: 'a Kubernetes version is not a node image', text: '1.33.4', expected: undefined },
  ])('$name', ({ text, expected }) => {
    expect(parseNodeImageVersion(text)).toEqual(expected);
  });

  it('formats the day with two digits as AKS does', () => {
    expect(formatNodeImageVersion({ yearMonth: 202511, day: 2, build: 0 })).toBe('202511.02.0');
  });

  it.each([
    { name: 'a later month is newer', a: '202512.01.0', b: '202511.30.0', sign: 1 },
    { name: 'a later build of the same day is newer', a: '202511.02.1', b: '202511.02.0', sign: 1 },
    { name: 'the same version is equal', a: '202511.02.0', b: 'AKSUbuntu-2204gen2containerd-202511.02.0', sign: 0 },
  ])('$name', ({ a, b, sign }) => {
    expect(Math.sign(compareNodeImageVersions(parseNodeImageVersion(a)!, parseNodeImageVersion(b)!))).toBe(sign);
  });
});
