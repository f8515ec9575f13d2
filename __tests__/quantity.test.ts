/**
 * `parseQuantity` (lib/k8s/quantity): Kubernetes `resource.Quantity` strings to base units, at
 * each suffix family and at the edges of the grammar
 * (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/).
 */
import { parseQuantity } from '../lib/k8s/quantity';

describe('parseQuantity', () => {
  test('plain numbers, with the forms the grammar allows', () => {
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('+2')).toBe(2);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('1.')).toBe(1);
    expect(parseQuantity('.5')).toBe(0.5);
    expect(parseQuantity('0')).toBe(0);
  });

  test('decimal SI suffixes', () => {
    expect(parseQuantity('500m')).toBeCloseTo(0.5, 12);
    expect(parseQuantity('250u')).toBeCloseTo(0.00025, 15);
    expect(parseQuantity('3n')).toBeCloseTo(3e-9, 20);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('128M')).toBe(128_000_000);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1T')).toBe(1e12);
    expect(parseQuantity('1P')).toBe(1e15);
  });

  test('binary SI suffixes', () => {
    expect(parseQuantity('1Ki')).toBe(1024);
    expect(parseQuantity('256Mi')).toBe(256 * 1024 ** 2);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseQuantity('1Ti')).toBe(1024 ** 4);
    expect(parseQuantity('1Pi')).toBe(1024 ** 5);
  });

  test('decimal exponents, in either case and sign', () => {
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('2E6')).toBe(2_000_000);
    expect(parseQuantity('5e+2')).toBe(500);
    expect(parseQuantity('5E-2')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('7e0')).toBe(7);
    expect(parseQuantity('1e10')).toBe(1e10);
    expect(parseQuantity('3E-12')).toBeCloseTo(3e-12, 24);
  });

  test('the exa suffixes E and Ei are factors, not exponents with no digits', () => {
    // Both start with the letter of an exponent; reading them as one gave 1 and NaN.
    expect(parseQuantity('1E')).toBe(1e18);
    expect(parseQuantity('2E')).toBe(2e18);
    expect(parseQuantity('1Ei')).toBe(1024 ** 6);
  });

  test('anything else is not a quantity', () => {
    for (const q of ['', ' ', '-1', '1Kb', '1mi', '1e', '1K', 'Mi', '1 Mi', '1Gi ', 'abc', '1.2.3'])
      expect([q, parseQuantity(q)]).toEqual([q, undefined]);
    // Only strings: a number is not a Kubernetes quantity string (the rules report it).
    expect(parseQuantity(512 as unknown as string)).toBeUndefined();
    expect(parseQuantity(undefined as unknown as string)).toBeUndefined();
  });
});
