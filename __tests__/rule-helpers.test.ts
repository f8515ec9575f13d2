/**
 * The rule helpers of lib/core/rules tested directly: how a value is shown, how a range is
 * written, and the range, duration and P1 checks at their edges (values a JavaScript caller or
 * a reader of Terraform can give that TypeScript would refuse). The rules that use them are in
 * rules.test.ts.
 */
import { Duration } from '../lib/core/duration';
import {
  checkDurationSeconds,
  checkIntRange,
  checkRange,
  checkValueClass,
  describeValue,
  notADuration,
  span,
} from '../lib/core/rules';

const asNumber = (v: unknown) => v as number;

describe('describeValue: a value as the message shows it', () => {
  test.each([
    [undefined, '(missing)'],
    [null, 'null'],
    [[1], '(an array)'],
    ['x'.repeat(40), JSON.stringify('x'.repeat(40))],
    ['x'.repeat(41), JSON.stringify(`${'x'.repeat(40)}…`)],
    [3, '3'],
    [true, 'true'],
    [{}, '(a plain object)'],
    [Object.create(null), '(a plain object)'],
    [new Map(), '(a Map)'],
    [() => 1, '(a function)'],
  ])('%p is shown as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe('span: a range as people write it', () => {
  test.each([
    [0, 3600, '', '0..3600'],
    [1, 7200, 's', '1s..7200s (2 hours)'],
    [0, 86400, 's', '0s..86400s (1 day)'],
    [0, 1209600, 's', '0s..1209600s (14 days)'],
    [0, 90000, 's', '0s..90000s (25 hours)'],
    [0, 90, 's', '0s..90s'],
    [0, 2 ** 31 - 1, 's', '0s or more'],
    [0, 2 ** 31 - 1, '', '0..2147483647'],
    [1, Number.MAX_SAFE_INTEGER, '', '1 or more'],
  ])('span(%d, %d, %j) = %s', (min, max, unit, text) => {
    expect(span(min, max, unit)).toBe(text);
  });
});

describe('range checks: out of range, not whole, not finite', () => {
  test('checkRange', () => {
    expect(checkRange('R', 'a', 5, 1, 10, 'fix')).toEqual([]);
    expect(checkRange('R', 'a', 11, 1, 10, 'fix')).toEqual([
      {
        rule: 'R',
        attribute: 'a',
        value: '11',
        problem: 'is out of range',
        allowed: '1..10',
        fix: 'fix',
      },
    ]);
    expect(checkRange('R', 'a', Number.NaN, 1, 10, 'fix')[0].problem).toBe(
      'is not a finite number',
    );
    expect(checkRange('R', 'a', asNumber('5'), 1, 10, 'fix')[0]).toMatchObject({
      value: '"5"',
      problem: 'is not a finite number',
    });
    expect(checkRange('R', 'a', 11, 1, 10, 'fix', 's')[0].value).toBe('11s');
  });

  test('checkIntRange', () => {
    expect(checkIntRange('R', 'a', 10, 1, 10, 'fix')).toEqual([]);
    expect(checkIntRange('R', 'a', 0, 1, 10, 'fix')[0]).toMatchObject({
      problem: 'is out of range',
      allowed: 'a whole number in 1..10',
    });
    expect(checkIntRange('R', 'a', 1.5, 1, 10, 'fix')[0].problem).toBe('is not a whole number');
    expect(checkIntRange('R', 'a', Number.NaN, 1, 10, 'fix')[0].problem).toBe(
      'is not a finite number',
    );
    expect(checkIntRange('R', 'a', asNumber('5'), 1, 10, 'fix')[0]).toMatchObject({
      value: '"5"',
      problem: 'is not a finite number',
    });
    expect(checkIntRange('R', 'a', -1, 0, Number.MAX_SAFE_INTEGER, 'fix')[0].allowed).toBe(
      'a whole number of 0 or more',
    );
  });
});

describe('checkDurationSeconds: whole seconds in range', () => {
  test('a value read from Terraform that is not a number', () => {
    const read = Duration._read(asNumber('abc'));
    expect(checkDurationSeconds('T2', 'timeout', read, 1, 300, 'fix')).toEqual([
      {
        rule: 'T2',
        attribute: 'timeout',
        value: '"abc"',
        problem: 'is not a number',
        allowed: 'whole seconds in 1s..300s',
        fix: 'give a whole number of seconds, e.g. 30',
      },
    ]);
    expect(checkDurationSeconds('T2', 't', read, 40, 300, 'f')[0].fix).toMatch(/e\.g\. 40$/);
    expect(checkDurationSeconds('T2', 't', read, 1, 10, 'f')[0].fix).toMatch(/e\.g\. 10$/);
  });

  test('fractional seconds: the fix rounds into the range, in the caller’s terms', () => {
    expect(checkDurationSeconds('T2', 't', Duration.seconds(1.5), 1, 300, 'f')).toEqual([
      {
        rule: 'T2',
        attribute: 't',
        value: '1.5s',
        problem: 'is not a whole number of seconds',
        allowed: 'whole seconds in 1s..300s',
        fix: 'round it, e.g. Duration.seconds(2)',
      },
    ]);
    expect(checkDurationSeconds('T2', 't', Duration._read(1.5), 1, 300, 'f')[0].fix).toBe(
      'round it to whole seconds, e.g. 2',
    );
    expect(
      checkDurationSeconds('T2', 't', Duration.seconds(0.4), 0, 2 ** 31 - 1, 'f')[0].allowed,
    ).toBe('whole seconds of 0s or more');
  });

  test('out of range, and not a Duration at all', () => {
    expect(checkDurationSeconds('T2', 't', Duration.seconds(301), 1, 300, 'f')[0]).toMatchObject({
      problem: 'is out of range',
      allowed: '1s..300s',
    });
    expect(checkDurationSeconds('T2', 't', Duration.seconds(300), 1, 300, 'f')).toEqual([]);
    expect(checkDurationSeconds('T2', 't', undefined, 1, 300, 'f')).toEqual([]);
  });
});

describe('P1 helpers', () => {
  test('notADuration repeats a number in the fix, else suggests 60', () => {
    expect(notADuration('timeout', 45).fix).toBe('use Duration.seconds(45) to say the unit');
    expect(notADuration('timeout', '45')).toMatchObject({
      value: '"45"',
      fix: 'use Duration.seconds(60) to say the unit',
    });
  });

  test('checkValueClass: missing and required, or of another type', () => {
    expect(checkValueClass('hc', undefined, false, 'HealthCheck', 'HealthCheck.http()')).toEqual(
      [],
    );
    expect(
      checkValueClass('hc', undefined, false, 'HealthCheck', 'HealthCheck.http()', true),
    ).toEqual([
      {
        rule: 'P1',
        attribute: 'hc',
        value: '(missing)',
        problem: 'is required',
        allowed: 'a HealthCheck, e.g. HealthCheck.http()',
        fix: 'set hc: HealthCheck.http()',
      },
    ]);
    expect(checkValueClass('g', 'x', false, 'InstanceGroup', 'ig')[0]).toMatchObject({
      problem: 'is not an InstanceGroup',
      allowed: 'an InstanceGroup, e.g. ig',
    });
  });
});
